package plugins

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"unsafe"

	extism "github.com/extism/go-sdk"
	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/sys"
)

// callPath runs calls on one instance the way extism's
// Plugin.CallWithContext does, with the same kernel calls in the same order
// and the same context values for extism's host functions, but with the
// function handles looked up once per instance instead of on every call.
//
// Why: extism v1.7.1 looks each kernel export up by name on every call
// (reset, alloc, input_set, error_get, output_offset, output_length and the
// guest export), and its extism:host/env functions do the same for every
// kernel call the guest makes; each lookup makes wazero allocate a new call
// engine with its own stack (about 10 KB). A wazero api.Function reuses its
// call engine, so keeping the handles makes a call allocate almost nothing.
//
// A callPath is used by one call at a time, like its instance.
type callPath struct {
	ep     *extism.Plugin
	main   api.Module
	kernel *kernelModule
	mem    api.Memory // the kernel's memory, where input and output live

	reset, alloc, inputSet, errorGet, length, outputOffset, outputLength api.Function

	exports map[string]api.Function // guest exports already looked up
	stack   []uint64                // parameters and results of kernel calls
}

// kernelModule is the extism kernel instance with its exports looked up
// once. It goes into each call's context under extism's "extism" key, so
// extism's extism:host/env functions, which look the kernel function up on
// every guest call, find a handle that is already there.
type kernelModule struct {
	api.Module
	fns map[string]api.Function
}

// ExportedFunction returns the kernel export name, looked up once.
func (k *kernelModule) ExportedFunction(name string) api.Function {
	if f, ok := k.fns[name]; ok {
		return f
	}
	f := k.Module.ExportedFunction(name)
	if f != nil {
		k.fns[name] = f
	}
	return f
}

// moduleType is the type of the extism.Plugin fields newCallPath reads.
var moduleType = reflect.TypeFor[api.Module]()

// pluginModule returns the unexported api.Module field name of ep.
//
// extism.Plugin keeps its kernel ("extism") and guest ("mainModule")
// instances unexported and offers no accessor, and a fast call path needs
// both. go.mod pins extism; if a version ever renames or retypes the
// fields, this returns nil and calls take extism's own path (see
// TestFastCallPath, which fails then).
func pluginModule(ep *extism.Plugin, name string) api.Module {
	f := reflect.ValueOf(ep).Elem().FieldByName(name)
	if !f.IsValid() || f.Type() != moduleType {
		return nil
	}
	m, _ := reflect.NewAt(moduleType, unsafe.Pointer(f.UnsafeAddr())).Elem().Interface().(api.Module)
	return m
}

// newCallPath prepares the fast path for ep, or returns nil when extism's
// instance does not have the expected layout.
func newCallPath(ep *extism.Plugin) *callPath {
	kernel, main := pluginModule(ep, "extism"), pluginModule(ep, "mainModule")
	if kernel == nil || main == nil {
		return nil
	}
	k := &kernelModule{Module: kernel, fns: map[string]api.Function{}}
	c := &callPath{
		ep:      ep,
		main:    main,
		kernel:  k,
		mem:     kernel.ExportedMemory("memory"),
		exports: map[string]api.Function{},
		stack:   make([]uint64, 2),
	}
	fns := []*api.Function{&c.reset, &c.alloc, &c.inputSet, &c.errorGet, &c.length, &c.outputOffset, &c.outputLength}
	for i, name := range []string{"reset", "alloc", "input_set", "error_get", "length", "output_offset", "output_length"} {
		if *fns[i] = k.ExportedFunction(name); *fns[i] == nil {
			return nil
		}
	}
	if c.mem == nil {
		return nil
	}
	return c
}

// callContext carries the values extism's host functions read from the
// context of a call, in one allocation instead of three.
type callContext struct {
	context.Context
	kernel api.Module
	plugin *extism.Plugin
	input  uint64
}

// Value implements context.Context.
func (c *callContext) Value(key any) any {
	switch key {
	case extism.PluginCtxKey("extism"):
		return c.kernel
	case extism.PluginCtxKey("plugin"):
		return c.plugin
	case extism.InputOffsetKey("inputOffset"):
		return c.input
	}
	return c.Context.Value(key)
}

// call runs export fn with input, returning what extism's CallWithContext
// would: the guest's return code, its output, and an error that is the
// guest's own message when it set one. The guest runtime must already be
// initialised (extism does that on an instance's first call).
func (c *callPath) call(ctx context.Context, fn string, input []byte) (uint32, []byte, error) {
	if c.main.IsClosed() {
		return 0, nil, errors.New("module is closed")
	}
	// Like extism, the input is set up outside the call's context.
	off, err := c.setInput(context.Background(), input)
	if err != nil {
		return 1, []byte{}, err
	}
	f, err := c.export(fn)
	if err != nil {
		return 1, []byte{}, err
	}
	ctx = &callContext{Context: ctx, kernel: c.kernel, plugin: c.ep, input: off}
	c.ep.Log(extism.LogLevelDebug, "Calling function : "+fn)
	stack := c.stack[:1]
	stack[0] = 0
	err = f.CallWithStack(ctx, stack)
	// The return code as extism derives it: a WASI exit's code (0 is
	// success), 1 for any other failure, else the export's result if any.
	var rc uint32
	if exit, ok := err.(*sys.ExitError); ok {
		if rc = exit.ExitCode(); rc == 0 {
			err = nil
		}
	} else if err != nil {
		rc = 1
	} else if len(f.Definition().ResultTypes()) == 1 {
		rc = api.DecodeU32(stack[0])
	}
	if err != nil {
		return rc, []byte{}, err
	}
	var guestErr error
	if msg := c.errorMessage(ctx); msg != "" {
		guestErr = errors.New(msg)
	}
	out, err := c.output(ctx)
	if err != nil {
		err = fmt.Errorf("failed to get output: %v", err)
		if guestErr != nil {
			err = errors.Join(guestErr, err)
		}
		return rc, []byte{}, err
	}
	return rc, out, guestErr
}

// export returns the guest export fn, checked as extism checks it.
func (c *callPath) export(fn string) (api.Function, error) {
	if f, ok := c.exports[fn]; ok {
		return f, nil
	}
	f := c.main.ExportedFunction(fn)
	if f == nil {
		return nil, fmt.Errorf("unknown function: %s", fn)
	}
	def := f.Definition()
	if n := len(def.ResultTypes()); n > 1 {
		return nil, fmt.Errorf("function %s has %v results, expected 0 or 1", fn, n)
	}
	if n := len(def.ParamTypes()); n != 0 {
		// extism calls exports without arguments, which wazero refuses.
		return nil, fmt.Errorf("expected %d params, but passed 0", n)
	}
	c.exports[fn] = f
	return f, nil
}

// setInput is extism's SetInput: reset the kernel, copy input into a new
// block and make it the call's input.
func (c *callPath) setInput(ctx context.Context, input []byte) (uint64, error) {
	if err := c.reset.CallWithStack(ctx, c.stack); err != nil {
		return 0, errors.New("reset")
	}
	s := c.stack
	s[0] = uint64(len(input))
	if err := c.alloc.CallWithStack(ctx, s); err != nil {
		return 0, err
	}
	ptr := s[0]
	c.mem.Write(uint32(ptr), input)
	s[0], s[1] = ptr, uint64(len(input))
	// extism ignores input_set's error; a failure shows in the call.
	_ = c.inputSet.CallWithStack(ctx, s)
	return ptr, nil
}

// errorMessage is extism's GetErrorWithContext: the message the guest set
// with error_set, or "".
func (c *callPath) errorMessage(ctx context.Context) string {
	s := c.stack
	if err := c.errorGet.CallWithStack(ctx, s); err != nil || s[0] == 0 {
		return ""
	}
	off := s[0]
	if err := c.length.CallWithStack(ctx, s); err != nil {
		return ""
	}
	mem, _ := c.mem.Read(uint32(off), uint32(s[0]))
	return string(mem)
}

// output is extism's GetOutputWithContext: a copy of the call's output.
func (c *callPath) output(ctx context.Context) ([]byte, error) {
	s := c.stack
	if err := c.outputOffset.CallWithStack(ctx, s); err != nil {
		return []byte{}, err
	}
	off := s[0]
	if err := c.outputLength.CallWithStack(ctx, s); err != nil {
		return []byte{}, err
	}
	mem, _ := c.mem.Read(uint32(off), uint32(s[0]))
	// Read returns a view of the kernel's memory, which the next call reuses.
	out := make([]byte, len(mem))
	copy(out, mem)
	return out, nil
}
