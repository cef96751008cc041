// Fuzz target 3: whole statements run by a Session over the built-in tables
// and the imported table `t`, going on after errors (`--continue`), in
// safe mode so no input can read or write a file. Results are rendered in
// the mode the input chooses (`.mode`), so the renderers are fuzzed too.

import CQ

/// Tests/Golden/data/t.csv (the golden tests' table, so their seeds run), with a row whose
/// score is the largest int (so `sum(score)` overflows) and a doubled quote.
private let importedCSV = """
    id,name,city,score,amount,joined,active,note
    1,金凤实验室,重庆,90,351.5,2021-05-26,true,lab
    2,Alpha,成都,75,-20,2022-01-15,false,
    3,Beta,重庆,,12.25,2020-12-31,true,"a,b"
    4,明月湖,,75,0,,false,湖
    5,Gamma,北京,60,1e3,2023-03-06,,x
    6,钟,重庆,90,,2019-07-01,true,
    7,"q""uote",成都,9223372036854775807,-1e300,2024-02-29,false,
    """

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSession(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let catalog = FuzzCatalog.fresh()
    var csv = importedCSV
    if let t = try? csv.withUTF8({ try CSVReader.read(bytes: UnsafeRawBufferPointer($0), name: "t.csv") }) {
        catalog.bind("t", table: t)
    }
    var settings = Settings()
    settings.safe = true
    settings.continueOnError = true
    settings.render.width = 80
    let session = Session(console: CapturingConsole(), settings: settings, catalog: catalog)
    session.run(FuzzInput.text(data, size), fileName: "fuzz.cq")
    return 0
}
