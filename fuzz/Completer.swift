// Fuzz target 5: Tab completion. The input is split at its first NUL byte
// (or at its end) into the text before the cursor and the word being
// completed, and candidates are asked for, as the shell does on every Tab.

import CQ

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCompleter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    let cut = bytes.firstIndex(of: 0) ?? bytes.count
    let before = String(decoding: bytes[..<cut], as: UTF8.self)
    let word = String(decoding: bytes[min(cut + 1, bytes.count)...], as: UTF8.self)
    _ = Completer.candidates(before: before, word: word, catalog: FuzzCatalog.fresh())
    return 0
}
