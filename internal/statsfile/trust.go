package statsfile

import (
	"os"
	"syscall"
)

// Trusted reports whether path is a regular file owned by this process's user and not
// writable by group or others. The default path is in /tmp: a file planted there by
// another local user must not steer the server (it forwards the injection token to the
// announced InjectAddr), so such a file's addresses are ignored.
func Trusted(path string) bool {
	fi, err := os.Lstat(path)
	if err != nil || !fi.Mode().IsRegular() || fi.Mode().Perm()&0o022 != 0 {
		return false
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	return ok && int(st.Uid) == os.Geteuid()
}
