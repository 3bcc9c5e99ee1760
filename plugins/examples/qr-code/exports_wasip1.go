//go:build wasip1

package main

import "github.com/sweetmcp/sweet/plugins/pdk"

//go:wasmexport describe
func describe() int32 { return pdk.Describe(tools()) }

//go:wasmexport call
func call() int32 { return pdk.Call(handle) }
