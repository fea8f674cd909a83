package encode

import (
	"crypto/aes"
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
)

// blockSize is the AES block size; plaintexts are zero-padded to a multiple of it.
const blockSize = 16

// encryptThenMAC mirrors the firmware's Utils::encryptThenMAC: AES-128-ECB under the
// first 16 bytes of secret over the zero-padded plaintext, then a 2-byte MAC = the
// first bytes of HMAC-SHA256(secret, ciphertext). It returns MAC ‖ ciphertext.
func encryptThenMAC(secret [32]byte, plain []byte) ([]byte, error) {
	block, err := aes.NewCipher(secret[:16])
	if err != nil {
		return nil, fmt.Errorf("encrypt: %w", err)
	}
	n := (len(plain) + blockSize - 1) / blockSize * blockSize
	if n == 0 {
		n = blockSize
	}
	out := make([]byte, 2+n)
	ct := out[2:]
	copy(ct, plain)
	for i := 0; i < n; i += blockSize {
		block.Encrypt(ct[i:i+blockSize], ct[i:i+blockSize])
	}
	m := hmac.New(sha256.New, secret[:])
	m.Write(ct)
	copy(out[:2], m.Sum(nil))
	return out, nil
}
