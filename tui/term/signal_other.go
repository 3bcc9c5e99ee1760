//go:build !unix

package term

import "os"

// hangup is what Close sends the child.
var hangup = os.Kill
