//go:build wasip1

package pdk

// Describe answers the describe export with the plugin's tools. Call it from
// a //go:wasmexport describe function and return its result.
func Describe(tools []Tool) int32 {
	Output(DescribeJSON(tools))
	return 0
}

// Call answers the call export: it decodes the request, runs h and outputs
// the result. Call it from a //go:wasmexport call function.
func Call(h Handler) int32 {
	Output(CallJSON(Input(), h))
	return 0
}
