package meshcore_test

import (
	"fmt"

	"github.com/corescope/corescope/internal/meshcore"
)

func ExampleDecodeHex() {
	keys, err := meshcore.NewChannelKeys(nil, []string{"#wardriving"})
	if err != nil {
		panic(err)
	}
	pk, err := meshcore.DecodeHex("150359d69581d1666fd2abd32988b6ad68a307882c574a852481d99c18a0f6e249544a879182f8bb38375903332082b91043a0a4b189f9bbc6d8cc4bc94ca88d8e92d0d14664e87e",
		meshcore.DecodeOptions{Keys: keys})
	if err != nil {
		panic(err)
	}
	g := pk.Group
	fmt.Println(pk.Header, pk.Hash, pk.Path.Hops())
	fmt.Println(g.Status, g.Channel, g.Timestamp)
	fmt.Printf("%s | %s\n", g.Sender, g.Message)
	// Output:
	// FLOOD/GRP_TXT v0 bfe6d4414d328c88 [59 D6 95]
	// decrypted #wardriving 1774805359
	// XMD Tag 1 | @[MapperBot] 37.82197, -122.26943 [0.3w]
}

func ExampleContentHash() {
	h, err := meshcore.ContentHash([]byte{0x25, 0x02, 0xAA, 0xBB, 0xDE, 0xAD, 0xBE, 0xEF})
	fmt.Println(h, err)
	// Output: b1baaf3bf0d0726c <nil>
}

func ExampleAirtimeMs() {
	fmt.Printf("%.3f ms\n", meshcore.AirtimeMs(32, meshcore.DefaultRadio()))
	// Output: 365.568 ms
}
