//go:build wasip1

package pdk

// The Extism kernel ABI (namespace extism:host/env). Offsets are addresses in
// the kernel's own memory, not in the guest's linear memory, so data crosses
// with the load/store functions.

//go:wasmimport extism:host/env input_length
func kInputLength() uint64

//go:wasmimport extism:host/env input_load_u8
func kInputLoadU8(offset uint64) uint32

//go:wasmimport extism:host/env input_load_u64
func kInputLoadU64(offset uint64) uint64

//go:wasmimport extism:host/env alloc
func kAlloc(n uint64) uint64

//go:wasmimport extism:host/env free
func kFree(offset uint64)

//go:wasmimport extism:host/env length
func kLength(offset uint64) uint64

//go:wasmimport extism:host/env load_u8
func kLoadU8(offset uint64) uint32

//go:wasmimport extism:host/env load_u64
func kLoadU64(offset uint64) uint64

//go:wasmimport extism:host/env store_u8
func kStoreU8(offset uint64, v uint32)

//go:wasmimport extism:host/env store_u64
func kStoreU64(offset uint64, v uint64)

//go:wasmimport extism:host/env output_set
func kOutputSet(offset, n uint64)

//go:wasmimport extism:host/env error_set
func kErrorSet(offset uint64)

//go:wasmimport extism:host/env config_get
func kConfigGet(keyOffset uint64) uint64

//go:wasmimport extism:host/env var_get
func kVarGet(keyOffset uint64) uint64

//go:wasmimport extism:host/env var_set
func kVarSet(keyOffset, valueOffset uint64)

//go:wasmimport extism:host/env http_request
func kHTTPRequest(reqOffset, bodyOffset uint64) uint64

//go:wasmimport extism:host/env http_status_code
func kHTTPStatusCode() int32
