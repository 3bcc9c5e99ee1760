package mcpserver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// maxFrameBytes is the backstop for any outbound message: TypeScript clients
// drop the connection on frames over 10 MiB, so a response that would pass
// this is replaced by an error. Tools cap their results far lower.
const maxFrameBytes = 9 << 20

// Transport is an mcp.Transport over a byte stream pair (stdin and stdout)
// that survives bad input: see the package documentation.
type Transport struct {
	In  io.Reader
	Out io.Writer
	// MaxLineBytes bounds one inbound line (default DefaultMaxLineBytes).
	MaxLineBytes int
	// Logger receives diagnostics; nil is silent.
	Logger *slog.Logger
}

// Connect starts reading In and returns the connection.
func (t *Transport) Connect(context.Context) (mcp.Connection, error) {
	if t.In == nil || t.Out == nil {
		return nil, errors.New("connect stdio: In and Out must be set")
	}
	max := t.MaxLineBytes
	if max <= 0 {
		max = DefaultMaxLineBytes
	}
	log := t.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	c := &conn{
		out:       t.Out,
		log:       log,
		incoming:  make(chan jsonrpc.Message),
		done:      make(chan struct{}),
		closed:    make(chan struct{}),
		inflight:  map[string]bool{},
		cancelled: map[string]bool{},
	}
	go c.readLoop(newLineReader(t.In, max), max)
	return c, nil
}

// conn is the hardened connection. Replies it writes itself and messages
// from the SDK share one mutex, so lines never interleave.
type conn struct {
	out io.Writer
	log *slog.Logger

	wmu sync.Mutex

	incoming chan jsonrpc.Message
	done     chan struct{} // closed by readLoop at end of input
	readErr  error         // set before done is closed

	closeOnce sync.Once
	closed    chan struct{}

	mu        sync.Mutex
	inflight  map[string]bool // requests from the client not yet answered
	cancelled map[string]bool // of those, the ones the client cancelled
}

// readLoop frames input into messages until end of input or Close.
func (c *conn) readLoop(lr *lineReader, max int) {
	defer close(c.done)
	f := &framer{max: max}
	for {
		line, err := lr.next()
		var results []lineResult
		switch {
		case errors.Is(err, errLineTooLong):
			c.log.Warn("Skipped an inbound line over the size limit", "limit", max)
			results = append(f.flush(), tooLongResult(max))
		case err != nil:
			for _, r := range f.flush() {
				c.deliver(r)
			}
			if !errors.Is(err, io.EOF) {
				c.readErr = fmt.Errorf("read stdin: %w", err)
			}
			return
		default:
			results = f.feed(line, lr.buffered())
		}
		for _, r := range results {
			if !c.deliver(r) {
				return
			}
		}
	}
}

// deliver passes a message to the SDK or writes a reply; false means the
// connection was closed.
func (c *conn) deliver(r lineResult) bool {
	if r.reply != nil {
		c.log.Debug("Answered a bad inbound line", "reply", string(r.reply))
		if err := c.writeLine(r.reply); err != nil {
			return false
		}
		return true
	}
	if r.msg == nil {
		return true
	}
	c.track(r.msg)
	select {
	case c.incoming <- r.msg:
		return true
	case <-c.closed:
		return false
	}
}

// track remembers in-flight requests and which of them were cancelled, so
// that no response goes out for a cancelled request (MCP: the server MUST
// NOT send further messages for it).
func (c *conn) track(msg jsonrpc.Message) {
	req, ok := msg.(*jsonrpc.Request)
	if !ok {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if req.ID.IsValid() {
		c.inflight[idKey(req.ID.Raw())] = true
		return
	}
	if req.Method != "notifications/cancelled" {
		return
	}
	var p struct {
		RequestID any `json:"requestId"`
	}
	if json.Unmarshal(req.Params, &p) != nil || p.RequestID == nil {
		return
	}
	if k := idKey(p.RequestID); c.inflight[k] {
		c.cancelled[k] = true
	}
}

// Read returns the next message from the client.
func (c *conn) Read(ctx context.Context) (jsonrpc.Message, error) {
	select {
	case msg := <-c.incoming:
		return msg, nil
	case <-c.done:
		// Drain a message delivered just before the end.
		select {
		case msg := <-c.incoming:
			return msg, nil
		default:
		}
		// The SDK cancels every request still running once Read fails, so
		// let the last requests finish first: a client may write a request
		// and close stdin at once.
		c.awaitIdle(ctx)
		if c.readErr != nil {
			return nil, c.readErr
		}
		return nil, io.EOF
	case <-c.closed:
		return nil, io.EOF
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// drainTimeout bounds how long the end of input waits for running requests.
const drainTimeout = 5 * time.Second

// awaitIdle waits until every request read has been answered, the
// connection is closed, or drainTimeout passes.
func (c *conn) awaitIdle(ctx context.Context) {
	deadline := time.Now().Add(drainTimeout)
	for time.Now().Before(deadline) {
		c.mu.Lock()
		n := len(c.inflight)
		c.mu.Unlock()
		if n == 0 {
			return
		}
		select {
		case <-c.closed:
			return
		case <-ctx.Done():
			return
		case <-time.After(5 * time.Millisecond):
		}
	}
}

// Write sends a message from the SDK, after the fixes described in the
// package documentation.
func (c *conn) Write(_ context.Context, msg jsonrpc.Message) error {
	if resp, ok := msg.(*jsonrpc.Response); ok {
		if c.settle(resp) {
			return nil
		}
		resp = fixErrorCode(resp)
		msg = resp
	}
	data, err := jsonrpc.EncodeMessage(msg)
	if err != nil {
		return fmt.Errorf("encode message: %w", err)
	}
	if len(data) > maxFrameBytes {
		resp, ok := msg.(*jsonrpc.Response)
		if !ok {
			return fmt.Errorf("write message: %d bytes is over the %d byte frame limit", len(data), maxFrameBytes)
		}
		c.log.Error("Replaced an oversized response with an error", "bytes", len(data))
		data, err = jsonrpc.EncodeMessage(&jsonrpc.Response{ID: resp.ID, Error: &jsonrpc.Error{
			Code: codeInternalError, Message: "response too large: ask for fewer items (limit, budget_tokens or a cursor)"}})
		if err != nil {
			return fmt.Errorf("encode message: %w", err)
		}
	}
	return c.writeLine(append(data, '\n'))
}

// settle forgets an answered request and says whether its response must be
// dropped because the client cancelled it.
func (c *conn) settle(resp *jsonrpc.Response) bool {
	k := idKey(resp.ID.Raw())
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.inflight, k)
	if c.cancelled[k] {
		delete(c.cancelled, k)
		return true
	}
	return false
}

// fixErrorCode gives errors the SDK sends with code 0 (not a JSON-RPC code:
// "method invalid during session initialization", a second initialize) the
// Invalid Request code.
func fixErrorCode(resp *jsonrpc.Response) *jsonrpc.Response {
	if resp.Error == nil {
		return resp
	}
	var we *jsonrpc.Error
	if errors.As(resp.Error, &we) && we.Code != 0 {
		return resp
	}
	out := *resp
	out.Error = &jsonrpc.Error{Code: codeInvalidRequest, Message: resp.Error.Error()}
	return &out
}

func (c *conn) writeLine(b []byte) error {
	// Writes go on after Close: at end of input the SDK closes the
	// connection while the last requests are still being answered.
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if _, err := c.out.Write(b); err != nil {
		return fmt.Errorf("write stdout: %w", err)
	}
	return nil
}

// Close stops the connection; a blocked Read returns.
func (c *conn) Close() error {
	c.closeOnce.Do(func() { close(c.closed) })
	return nil
}

// SessionID is empty: stdio has one session.
func (c *conn) SessionID() string { return "" }

// idKey makes a map key of a request id as decoded (float64 or int64 for
// numbers, string): the same id in a request and in a cancellation must
// give the same key.
func idKey(v any) string {
	switch v := v.(type) {
	case float64:
		return fmt.Sprintf("n:%d", int64(v))
	case int64:
		return fmt.Sprintf("n:%d", v)
	case string:
		return "s:" + v
	}
	return fmt.Sprintf("?:%v", v)
}
