package embed

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"time"
)

// maxBackoff caps the doubling retry delay.
const maxBackoff = 30 * time.Second

// maxResponseBytes bounds a response body: 64 texts of 4,096 floats as JSON
// are about 6 MB, so this leaves room without trusting the server.
const maxResponseBytes = 256 << 20

// api is what differs between the HTTP providers: the path, the request
// body and the response shape.
type api interface {
	name() string
	path() string
	request(model string, texts []string, dims int) any
	// decode returns one vector per text of the request, in order.
	decode(body []byte, n int) ([][]float32, error)
}

// httpEmbedder is an Embedder backed by an embeddings HTTP endpoint.
type httpEmbedder struct {
	api      api
	endpoint string
	base     string
	model    string
	key      string
	dims     int
	batch    int
	timeout  time.Duration
	retries  int
	client   *http.Client
	// backoff is the first retry delay, doubled on each retry.
	backoff time.Duration
	// sleep waits between attempts; a field so tests can record the waits
	// instead of spending them.
	sleep func(ctx context.Context, d time.Duration) error
	// dim is the vector size, fixed by Config.Dimensions or by the first
	// response.
	dim atomic.Int64
}

func newHTTP(cfg Config, a api, defURL, defModel string) (*httpEmbedder, error) {
	base := strings.TrimRight(strings.TrimSpace(cfg.BaseURL), "/")
	if base == "" {
		base = defURL
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("new %s embedder: base URL %q is not an http(s) URL such as %s", a.name(), cfg.BaseURL, defURL)
	}
	// OpenAI's SDKs take a base URL ending in /v1, so people paste that;
	// accept it (and /api for Ollama) rather than post to /v1/v1/embeddings.
	prefix, _, _ := strings.Cut(strings.TrimPrefix(a.path(), "/"), "/")
	base = strings.TrimSuffix(base, "/"+prefix)
	if cfg.Dimensions < 0 || cfg.BatchSize < 0 || cfg.Timeout < 0 {
		return nil, fmt.Errorf("new %s embedder: dimensions, batch size and timeout must not be negative", a.name())
	}
	e := &httpEmbedder{
		api:      a,
		endpoint: base + a.path(),
		base:     base,
		model:    cmpOr(strings.TrimSpace(cfg.Model), defModel),
		key:      cfg.APIKey,
		dims:     cfg.Dimensions,
		batch:    cmpOr(cfg.BatchSize, DefaultBatchSize),
		timeout:  cmpOr(cfg.Timeout, DefaultTimeout),
		retries:  cfg.MaxRetries,
		client:   cfg.HTTPClient,
		backoff:  500 * time.Millisecond,
		sleep:    sleepContext,
	}
	if cfg.MaxRetries == 0 {
		e.retries = DefaultMaxRetries
	}
	e.retries = max(e.retries, 0)
	if e.client == nil {
		e.client = &http.Client{}
	}
	e.dim.Store(int64(cfg.Dimensions))
	return e, nil
}

func cmpOr[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// Model returns "provider:model", for example "ollama:nomic-embed-text".
func (e *httpEmbedder) Model() string { return e.api.name() + ":" + e.model }

// Dim returns Config.Dimensions if set, otherwise the size of the first
// vectors received, and 0 before any response.
func (e *httpEmbedder) Dim() int { return int(e.dim.Load()) }

// Embed sends texts in batches of Config.BatchSize and returns normalised
// vectors in order. Blank texts are not sent (OpenAI rejects them); they get
// the zero vector, as with the built-in embedder.
func (e *httpEmbedder) Embed(ctx context.Context, texts []string) ([][]float32, error) {
	var send []string
	var at []int // index in texts of each text in send
	for i, t := range texts {
		if strings.TrimSpace(t) != "" {
			send = append(send, t)
			at = append(at, i)
		}
	}
	out := make([][]float32, len(texts))
	for start := 0; start < len(send); start += e.batch {
		batch := send[start:min(start+e.batch, len(send))]
		vecs, err := e.post(ctx, batch)
		if err != nil {
			return nil, fmt.Errorf("embed with %s: %w", e.api.name(), err)
		}
		if err := e.check(vecs, len(batch)); err != nil {
			return nil, fmt.Errorf("embed with %s: %w", e.api.name(), err)
		}
		for j, v := range vecs {
			out[at[start+j]] = v
		}
	}
	if len(send) < len(texts) {
		dim := e.Dim()
		if dim == 0 {
			return nil, fmt.Errorf("embed with %s: only blank texts, and the vector size is not known yet; set the dimensions or embed a non-blank text first", e.api.name())
		}
		for i := range out {
			if out[i] == nil {
				out[i] = make([]float32, dim)
			}
		}
	}
	return out, nil
}

// check verifies the count and dimension of a batch's vectors and
// normalises them in place.
func (e *httpEmbedder) check(vecs [][]float32, n int) error {
	if len(vecs) != n {
		return fmt.Errorf("%s returned %d vectors for %d texts; the server is not a compatible embeddings endpoint", e.endpoint, len(vecs), n)
	}
	for i, v := range vecs {
		if len(v) == 0 {
			return fmt.Errorf("%s returned an empty vector for text %d; check that model %q is an embedding model", e.endpoint, i, e.model)
		}
		want := e.dim.Load()
		if want == 0 && e.dim.CompareAndSwap(0, int64(len(v))) {
			want = int64(len(v))
		}
		if int64(len(v)) != want {
			return fmt.Errorf("model %q returned %d-dimensional vectors, expected %d: the model or its settings changed; set the dimensions to match or re-embed stored memories", e.model, len(v), want)
		}
		if err := normalizeChecked(v); err != nil {
			return fmt.Errorf("vector %d from %s: %w", i, e.endpoint, err)
		}
	}
	return nil
}

// normalizeChecked scales v to unit length, rejecting zero and non-finite
// vectors, which cannot be compared.
func normalizeChecked(v []float32) error {
	var s float64
	for _, x := range v {
		s += float64(x) * float64(x)
	}
	if s == 0 || math.IsNaN(s) || math.IsInf(s, 0) {
		return errors.New("vector is zero or not finite")
	}
	inv := 1 / math.Sqrt(s)
	for i := range v {
		v[i] = float32(float64(v[i]) * inv)
	}
	return nil
}

// post sends one batch, retrying network errors, 429 and 5xx with
// exponential backoff or the server's Retry-After.
func (e *httpEmbedder) post(ctx context.Context, texts []string) ([][]float32, error) {
	body, err := jsonMarshal(e.api.request(e.model, texts, e.dims))
	if err != nil {
		return nil, err
	}
	delay := e.backoff
	for attempt := 0; ; attempt++ {
		vecs, wait, err := e.once(ctx, body, len(texts))
		if err == nil {
			return vecs, nil
		}
		var re *retryableError
		if !errors.As(err, &re) || attempt >= e.retries || ctx.Err() != nil {
			if re != nil && attempt > 0 {
				return nil, fmt.Errorf("%w (gave up after %d attempts)", err, attempt+1)
			}
			return nil, err
		}
		if wait <= 0 {
			wait = delay
			delay = min(2*delay, maxBackoff)
		}
		if err := e.sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("post %s: %w", e.endpoint, err)
		}
	}
}

// sleepContext waits for d or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// retryableError marks a failure worth retrying.
type retryableError struct{ err error }

func (r *retryableError) Error() string { return r.err.Error() }
func (r *retryableError) Unwrap() error { return r.err }

// once makes one request. It returns the server's requested wait (from
// Retry-After) with retryable errors.
func (e *httpEmbedder) once(parent context.Context, body []byte, n int) ([][]float32, time.Duration, error) {
	ctx, cancel := context.WithTimeout(parent, e.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, e.endpoint, bytes.NewReader(body))
	if err != nil {
		return nil, 0, fmt.Errorf("post %s: %w", e.endpoint, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	if e.key != "" {
		req.Header.Set("Authorization", "Bearer "+e.key)
	}
	resp, err := e.client.Do(req)
	switch {
	case err != nil && parent.Err() != nil:
		return nil, 0, fmt.Errorf("post %s: %w", e.endpoint, parent.Err())
	case err != nil && ctx.Err() != nil:
		return nil, 0, &retryableError{fmt.Errorf("post %s: no answer within %s; raise the timeout or lower the batch size", e.endpoint, e.timeout)}
	case err != nil:
		return nil, 0, &retryableError{fmt.Errorf("post %s: %w; is the server running at %s?", e.endpoint, err, e.base)}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, maxResponseBytes))
	if err != nil {
		if parent.Err() != nil {
			return nil, 0, fmt.Errorf("read response from %s: %w", e.endpoint, parent.Err())
		}
		return nil, 0, &retryableError{fmt.Errorf("read response from %s: %w", e.endpoint, err)}
	}
	if resp.StatusCode != http.StatusOK {
		return nil, retryAfter(resp.Header.Get("Retry-After"), time.Now()), e.statusError(resp.StatusCode, raw)
	}
	vecs, err := e.api.decode(raw, n)
	if err != nil {
		return nil, 0, fmt.Errorf("decode response from %s: %w (body: %s)", e.endpoint, err, excerpt(raw))
	}
	return vecs, 0, nil
}

// statusError explains a non-200 answer: the URL, the status, what the
// server said and what to change. 429 and 5xx are retryable.
func (e *httpEmbedder) statusError(code int, body []byte) error {
	err := fmt.Errorf("post %s: %d %s: %s; %s", e.endpoint, code, http.StatusText(code), excerpt(body), e.fix(code))
	if code == http.StatusTooManyRequests || code >= 500 {
		return &retryableError{err}
	}
	return err
}

// fix suggests the likely remedy for a status code.
func (e *httpEmbedder) fix(code int) string {
	switch {
	case code == http.StatusUnauthorized || code == http.StatusForbidden:
		return "check the API key"
	case code == http.StatusNotFound && e.api.name() == ProviderOllama:
		return fmt.Sprintf("check the base URL and pull the model with `ollama pull %s`", e.model)
	case code == http.StatusNotFound:
		return fmt.Sprintf("check the base URL (without /v1) and the model name %q", e.model)
	case code == http.StatusTooManyRequests:
		return "the server is rate limiting; retry later or lower the batch size"
	case code >= 500:
		return "the server failed; check its logs, retry later or lower the batch size"
	}
	return fmt.Sprintf("check the model name %q and the dimensions setting", e.model)
}

// retryAfter parses a Retry-After header (seconds or an HTTP date) into a
// wait, capped at a minute so a confused server cannot stall an import.
func retryAfter(h string, now time.Time) time.Duration {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0
	}
	var d time.Duration
	if secs, err := strconv.Atoi(h); err == nil {
		d = time.Duration(secs) * time.Second
	} else if t, err := http.ParseTime(h); err == nil {
		d = t.Sub(now)
	}
	return min(max(d, 0), time.Minute)
}

// excerpt returns the start of a body for an error message.
func excerpt(body []byte) string {
	s := strings.TrimSpace(string(body))
	if s == "" {
		return "(empty body)"
	}
	const limit = 300
	if len(s) > limit {
		s = s[:limit] + "..."
	}
	return s
}

func jsonMarshal(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode request: %w", err)
	}
	return b, nil
}
