// Fuzz target 2: the binder over the built-in tables. Every statement that
// parses is bound (queries to plans, expressions to typed expressions) and
// its plan printed as `.explain` does; nothing is executed.

import CQ

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBinder(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = FuzzInput.text(data, size)
    let binder = Binder(catalog: FuzzCatalog.fresh(), source: text)
    var parser = Parser(text)
    while true {
        do {
            guard let statement = try parser.next() else { break }
            switch statement {
            case .query(let q), .letQuery(_, let q, _):
                _ = PlanPrinter.print(try binder.bind(q))
            case .expression(let e), .letExpression(_, let e, _):
                _ = try binder.bindScalar(e)
            case .letFunction(let name, let parameters, let body, _):
                _ = try binder.define(name, parameters: parameters, body: body)
            case .command:
                break
            }
        } catch {
            parser.recover()
        }
    }
    return 0
}
