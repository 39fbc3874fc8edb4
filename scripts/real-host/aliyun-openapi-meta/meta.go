// Package aliyunopenapimeta stands in for the aliyun host's embedded API metadata: the same
// package name and exported variable, with an empty product catalogue. Plugin routing, the
// plugin manager and `aliyun configure` do not read it.
package aliyunopenapimeta

import "embed"

// Metadatas is the embedded catalogue the host reads at start.
//
//go:embed metadatas en-US zh-CN
var Metadatas embed.FS
