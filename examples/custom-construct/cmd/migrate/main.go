// Command migrate lists the SQL migrations it would apply (a stand-in for a real migration tool).
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

// version is set at build time with -ldflags "-X main.version=..." (the project's shared build).
var version = "dev"

func main() {
	dir := flag.String("dir", "migrations", "directory of .sql migrations")
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println(version)
		return
	}
	files, err := filepath.Glob(filepath.Join(*dir, "*.sql"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	sort.Strings(files)
	for _, f := range files {
		fmt.Println("apply", f)
	}
}
