// Package pdk is sweet's guest-side plugin kit: the few helpers a Go plugin
// needs to speak the Extism kernel ABI and the MCP servlet convention that
// sweet's plugin host (and hyper-mcp, mcp.run and SweetMCP) understand.
//
// Extism's own Go PDK is not available from the module proxy this project
// builds against, so this package declares the kernel imports itself with
// //go:wasmimport. It is built with the standard toolchain:
//
//	GOOS=wasip1 GOARCH=wasm go build -buildmode=c-shared -o tool.wasm ./path/to/plugin
//
// A plugin's main package exports two functions with //go:wasmexport:
//
//	//go:wasmexport describe
//	func describe() int32 { return pdk.Describe(tools) }
//
//	//go:wasmexport call
//	func call() int32 { return pdk.Call(handle) }
//
// The MCP types and the pure request handling in this package build on every
// platform, so plugin logic can be unit-tested on the host; the functions that
// touch the kernel (Input, Output, Config, Fetch, MemorySearch, ...) exist only
// when GOOS is wasip1.
package pdk
