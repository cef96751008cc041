// SystemLibraryTests: the dlopen seam opens a library the machine has, finds a function by name and
// calls it, and words a missing library or symbol as an error naming the package.
import XCTest
@testable import CQ

final class SystemLibraryTests: XCTestCase {
    func testOpensTheCLibraryAndCallsAFunction() throws {
        let libc = try SystemLibrary.open(["libc.so.6"], purpose: "a test", package: "libc6")
        typealias Strlen = @convention(c) (UnsafePointer<CChar>) -> Int
        let strlen = try libc.function("strlen", as: Strlen.self)
        XCTAssertEqual("重庆".withCString { strlen($0) }, 6)
        XCTAssertTrue(try SystemLibrary.open(["libc.so.6"], purpose: "a test", package: "libc6") === libc)
    }

    func testAMissingLibraryNamesThePackage() {
        XCTAssertThrowsError(try SystemLibrary.open(["libcq-absent.so.9"], purpose: ".import of a test file",
                                                    package: "libcq-absent9")) { error in
            XCTAssertEqual((error as? CQError)?.problem.message,
                           ".import of a test file needs libcq-absent.so.9, which this machine lacks "
                           + "(install the Debian package libcq-absent9)")
        }
    }

    func testAMissingFunctionIsAnError() throws {
        let libc = try SystemLibrary.open(["libc.so.6"], purpose: "a test", package: "libc6")
        typealias Nothing = @convention(c) () -> Void
        XCTAssertThrowsError(try libc.function("cq_no_such_function", as: Nothing.self)) { error in
            XCTAssertEqual((error as? CQError)?.problem.message,
                           "libc.so.6 has no function cq_no_such_function (the library is older than cq needs)")
        }
    }
}
