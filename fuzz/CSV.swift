// Fuzz target 4: CSV/TSV import of arbitrary bytes. The first byte chooses
// the file name (so both `.csv` and `.tsv` are read); a table that imports
// is rendered, so every inferred column is also printed.

import CQ

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    let name = (bytes.first ?? 0) & 1 == 0 ? "fuzz.csv" : "fuzz.tsv"
    guard let table = try? CSVReader.read(bytes: UnsafeRawBufferPointer(bytes), name: name) else { return 0 }
    var options = RenderOptions()
    options.width = 80
    _ = Renderer.render(table, options)
    return 0
}
