module example.com/app

go 1.21.3

toolchain go1.22.1

require github.com/gin-gonic/gin v1.7.0

require (
	golang.org/x/net v0.7.0 // indirect
	example.com/internal/lib v0.0.0-00010101000000-000000000000
	"github.com/quoted/mod" v1.2.3
)

replace golang.org/x/net => golang.org/x/net v0.17.0

replace example.com/internal/lib => ../lib

exclude github.com/gin-gonic/gin v1.6.0
