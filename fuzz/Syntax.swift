// Fuzz target 1: lexer and parser. Every token of the input is read (the
// lexer must end or throw, never trap or spin), then every statement is
// parsed and printed back, recovering after each syntax error the way
// `--continue` does.

import CQ

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSyntax(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = FuzzInput.text(data, size)
    var lexer = Lexer(text)
    while let token = try? lexer.next(), token.kind != .end {}
    var parser = Parser(text)
    while true {
        do {
            guard let statement = try parser.next() else { break }
            _ = ASTPrinter.print(statement)
        } catch {
            parser.recover()
        }
    }
    return 0
}
