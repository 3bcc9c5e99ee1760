package mcpserver

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"strconv"

	"github.com/modelcontextprotocol/go-sdk/jsonrpc"
)

// JSON-RPC error codes the connection answers itself.
const (
	codeParseError     = -32700
	codeInvalidRequest = -32600
	codeInternalError  = -32603
)

// lineResult is what one inbound line turns into: a message for the SDK, or
// an error response to write back, or neither (a blank line, or a bad
// response object, which JSON-RPC never answers).
type lineResult struct {
	msg   jsonrpc.Message
	reply []byte
}

// envelope holds the members of a JSON-RPC object that decide its validity.
// Raw members keep "absent" (nil) apart from "null".
type envelope struct {
	JSONRPC json.RawMessage `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Method  json.RawMessage `json:"method"`
	Params  json.RawMessage `json:"params"`
	Result  json.RawMessage `json:"result"`
	Error   json.RawMessage `json:"error"`
}

// checkLine validates one complete line (one JSON text) and decides what to
// do with it. It never fails: every input maps to a message, a reply or
// nothing. This is the fuzzed surface of the connection.
func checkLine(line []byte) lineResult {
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return lineResult{}
	}
	if !json.Valid(line) {
		return lineResult{reply: errorReply(nil, codeParseError, "Parse error: the line is not one valid JSON value")}
	}
	switch line[0] {
	case '{':
	case '[':
		return lineResult{reply: errorReply(nil, codeInvalidRequest, "Invalid Request: batches are not supported by MCP since 2025-06-18; send one message per line")}
	default:
		return lineResult{reply: errorReply(nil, codeInvalidRequest, "Invalid Request: a message must be a JSON object")}
	}
	var env envelope
	if err := json.Unmarshal(line, &env); err != nil {
		return lineResult{reply: errorReply(nil, codeParseError, "Parse error: "+err.Error())}
	}
	id, idOK := readID(env.ID)
	replyID := id
	if !idOK {
		replyID = nil
	}
	if string(env.JSONRPC) != `"2.0"` {
		return lineResult{reply: errorReply(replyID, codeInvalidRequest, `Invalid Request: "jsonrpc" must be "2.0"`)}
	}
	if env.Method == nil {
		if env.Result != nil || env.Error != nil {
			// A response: pass it on when it names a request, else drop it
			// (responses are never answered).
			if !idOK || id == nil {
				return lineResult{}
			}
			return decode(line, replyID)
		}
		return lineResult{reply: errorReply(replyID, codeInvalidRequest, `Invalid Request: "method" is missing`)}
	}
	if len(env.Method) == 0 || env.Method[0] != '"' {
		return lineResult{reply: errorReply(replyID, codeInvalidRequest, `Invalid Request: "method" must be a string`)}
	}
	if env.ID != nil {
		if string(env.ID) == "null" {
			return lineResult{reply: errorReply(nil, codeInvalidRequest, `Invalid Request: "id" must not be null in MCP; omit it for a notification`)}
		}
		if !idOK {
			return lineResult{reply: errorReply(nil, codeInvalidRequest, `Invalid Request: "id" must be a string or an integer`)}
		}
	}
	return decode(line, replyID)
}

// decode hands a checked line to the SDK's decoder; anything it still
// refuses is an invalid request.
func decode(line []byte, replyID json.RawMessage) lineResult {
	msg, err := jsonrpc.DecodeMessage(line)
	if err != nil {
		return lineResult{reply: errorReply(replyID, codeInvalidRequest, "Invalid Request: "+err.Error())}
	}
	return lineResult{msg: msg}
}

// readID returns the raw id when it is absent (nil, true), a string, or an
// integer that survives a round trip through float64 (what the SDK does).
func readID(raw json.RawMessage) (json.RawMessage, bool) {
	if raw == nil {
		return nil, true
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return nil, false
		}
		return raw, true
	case '-', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		// The SDK keeps numeric ids as float64 turned int64: accept only
		// integers that survive that exactly.
		if !bytes.ContainsAny(raw, ".eE") {
			n, err := strconv.ParseInt(string(raw), 10, 64)
			if err != nil || n > 1<<53 || n < -(1<<53) {
				return nil, false
			}
			return raw, true
		}
		f, err := strconv.ParseFloat(string(raw), 64)
		if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
			return nil, false
		}
		return raw, true
	}
	return nil, false
}

// wireError is a JSON-RPC error response written by the connection itself.
type wireError struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Error   struct {
		Code    int    `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

// errorReply encodes an error response; a nil id is written as null, as
// JSON-RPC requires when the id could not be read.
func errorReply(id json.RawMessage, code int, msg string) []byte {
	w := wireError{JSONRPC: "2.0", ID: id}
	if w.ID == nil {
		w.ID = json.RawMessage("null")
	}
	w.Error.Code, w.Error.Message = code, msg
	b, err := json.Marshal(w)
	if err != nil {
		// Only an id that is not valid JSON could fail, and ids are checked.
		b, _ = json.Marshal(wireError{JSONRPC: "2.0", ID: json.RawMessage("null")})
	}
	return append(b, '\n')
}

// incomplete reports whether b is the beginning of a JSON value cut off by a
// line break: pretty-printed JSON arrives this way.
func incomplete(b []byte) bool {
	var v json.RawMessage
	err := json.Unmarshal(b, &v)
	var se *json.SyntaxError
	return errors.As(err, &se) && se.Error() == "unexpected end of JSON input"
}
