// Package zstdframe decompresses zstd data held in memory, such as the
// tables dossier embeds in its binary, in one go and bounded.
package zstdframe

import (
	"fmt"

	"github.com/klauspost/compress/zstd"
)

// Decode returns the data inside z, refusing to make more than limit
// bytes. When the frame header gives the content size, the output is
// decompressed into room made once for it.
func Decode(z []byte, limit int) ([]byte, error) {
	zr, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxMemory(uint64(limit)))
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var h zstd.Header
	size := 0
	if h.Decode(z) == nil && h.HasFCS && h.FrameContentSize <= uint64(limit) {
		size = int(h.FrameContentSize)
	}
	raw, err := zr.DecodeAll(z, make([]byte, 0, size))
	if err != nil {
		return nil, err
	}
	if len(raw) > limit {
		return nil, fmt.Errorf("zstd: more than %d bytes decompressed", limit)
	}
	return raw, nil
}
