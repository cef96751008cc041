// Support for the fuzz targets (fuzz/*.swift): the input as text, and a
// catalog over the built-in tables parsed once per process (each input gets
// a fresh catalog, so a `let` of one input never leaks into the next).
//
// Each target is linked into its own libFuzzer binary by scripts/fuzz;
// this file is compiled into every one of them. The targets drive only the
// public API of the CQ library, as the shell does.

import CQ

enum FuzzInput {
    /// The fuzzer's bytes decoded as UTF-8 (invalid sequences become U+FFFD, as the shell reads files).
    static func text(_ data: UnsafePointer<UInt8>?, _ size: Int) -> String {
        String(decoding: bytes(data, size), as: UTF8.self)
    }

    static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: data, count: size)
    }
}

enum FuzzCatalog {
    /// The built-in tables, parsed on first use and then shared by every input.
    nonisolated(unsafe) private static var tables: [String: Table] = [:]

    /// A new catalog over the built-in tables.
    static func fresh() -> SessionCatalog {
        SessionCatalog(builtins: BuiltinTables.names.map { name in
            (name: name, load: {
                if let t = tables[name] { return t }
                let t = BuiltinTables.load(name)
                tables[name] = t
                return t
            })
        })
    }
}
