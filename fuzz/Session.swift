// Fuzz target 3: whole statements run by a Session over the built-in tables
// and a small imported table `t`, going on after errors (`--continue`), in
// safe mode so no input can read or write a file. Results are rendered in
// the mode the input chooses (`.mode`), so the renderers are fuzzed too.

import CQ

/// A small table as `.import` would make it: every inferred type, a null, a CJK name.
private let importedCSV = """
    id,name,amount,ratio,day,ok,名称
    1,alpha,13.5万,0.25,2023-03-06,true,金凤
    2,"b, quoted",-7,,2024-02-29,false,
    3,,9223372036854775807,1e300,,true,科学城
    """

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSession(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let catalog = FuzzCatalog.fresh()
    var csv = importedCSV
    if let t = try? csv.withUTF8({ try CSVReader.read(bytes: UnsafeRawBufferPointer($0), name: "t.csv") }) {
        catalog.bind("t", .table(t))
    }
    var settings = Settings()
    settings.safe = true
    settings.continueOnError = true
    settings.render.width = 80
    let session = Session(console: CapturingConsole(), settings: settings, catalog: catalog)
    session.run(FuzzInput.text(data, size), fileName: "fuzz.cq")
    return 0
}
