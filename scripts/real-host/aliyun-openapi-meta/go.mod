// The project's stand-in for the host's API-metadata package (a git submodule upstream, so
// missing from the module proxy's zip). It carries an empty product catalogue; see README.md.
module github.com/aliyun/aliyun-cli/v3/aliyun-openapi-meta

go 1.21
