import Aggregate
import Foundation
@testable import Import
import XCTest

/// The seed report (the only real text in the project) read from its published text.
final class ReadSeedTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testSeedPrints() throws {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: "/work/shared/seeds/000_3c60d520485f420a.txt")))
        switch Importer.read(bytes: bytes, fileName: "baofeng.txt", expectedYear: 2024) {
        case .read(let r):
            print(JSONWriter.write(r.json))
            print(r.account)
        case .unreadable(let why): XCTFail(why)
        }
    }
}
