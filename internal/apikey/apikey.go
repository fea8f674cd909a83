package apikey

import "strings"

// MinLength is the shortest key accepted (api.md §1.4).
const MinLength = 16

// placeholders are well-known sample or default values that must never guard a write.
var placeholders = map[string]bool{
	"your-secret-api-key-here": true, "change-me": true, "example": true, "test": true, "password": true,
	"admin": true, "apikey": true, "api-key": true, "secret": true, "default": true,
}

// Weak reports whether key is too short or a well-known placeholder (compared case-insensitively).
func Weak(key string) bool {
	return len(key) < MinLength || placeholders[strings.ToLower(key)]
}
