module github.com/sweetmcp/sweet/bench

go 1.26.0

require github.com/sweetmcp/sweet v0.0.0

require (
	github.com/philippgille/chromem-go v0.7.0
	golang.org/x/sys v0.50.0 // indirect
)

replace github.com/sweetmcp/sweet => ../
