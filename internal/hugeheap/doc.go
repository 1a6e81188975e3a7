// Package hugeheap backs the Go heap with huge pages (2 MB) from the
// program's start, on Linux machines where a page fault is costly enough
// for that to pay. Its init does the work,
// before the packages that build large tables at init time (the
// toolchain initialises packages in import-path order where it may, and
// this one needs nothing but the runtime and syscall), so that their
// tables, like everything after, land in the marked pages.
//
// dossier's command imports it, and calls Release before it runs a
// command: the init holds two objects until then (a ballast that paces
// the inits' collections, and the rest of the first huge page; see
// ballast). GODEBUG=disablethp=1 (the runtime's own switch for huge
// pages) turns it off.
package hugeheap
