import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The part of a temporary file's name that makes it this process's own and one of a kind
/// there: the process's id and how many such names it gave before (`4711-3`). Builds a program
/// runs at once (into one output, saving to one cache folder) each get their own file.
enum ProcessUniqueName {
    /// How many names this process has given.
    private static let given = Atomic<Int>(0)

    /// A name no other process and no other call of this process is given.
    static func next() -> String {
        "\(getpid())-\(given.add(1, ordering: .relaxed).newValue)"
    }

    /// The process that gave `name` (one of `next()`'s, or a process id alone, as earlier
    /// versions named their files); `nil` when it names none.
    static func process(of name: Substring) -> pid_t? {
        pid_t(name.prefix { $0 != "-" })
    }
}
