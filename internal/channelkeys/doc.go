// Package channelkeys builds the set of group-channel keys a process decrypts with, from the same
// configuration in both processes: the built-in Public key, the rainbow file, hashtag channels and
// explicit keys. The ingestor decrypts what it stores with it; the server decrypts what a user
// pastes into POST /api/decode, so both name the same channels.
package channelkeys
