//go:build unix

package term

import "syscall"

// hangup is what Close sends the child.
var hangup = syscall.SIGHUP
