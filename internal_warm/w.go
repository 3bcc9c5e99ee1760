package main
import (
 _ "modernc.org/sqlite"
 _ "github.com/urfave/cli/v2"
 _ "github.com/pelletier/go-toml/v2"
 _ "github.com/adrg/xdg"
)
func main(){}
