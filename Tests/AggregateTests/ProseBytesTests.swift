@testable import Aggregate
import Foundation
import TestSupport
import XCTest

/// The fast decoder reads 一 and 五 from the file's bytes straight into the scalars `ProseText`
/// keeps (`ProseText.keptChecking`), checking them as UTF-8 on the way, instead of making a
/// String first: it must refuse exactly the bytes `String(validating:)` refuses and keep exactly
/// what the String would have given.
final class ProseBytesTests: XCTestCase {
    func check(_ bytes: [UInt8], _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        let checked = bytes.withUnsafeBufferPointer { ProseText.keptChecking($0) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            XCTAssertNil(checked, "accepted bytes String refuses: \(what) \(bytes.map { String($0, radix: 16) })", file: file, line: line)
            return
        }
        XCTAssertEqual(checked, ProseText.kept(text), "\(what) \(bytes.map { String($0, radix: 16) })", file: file, line: line)
    }

    /// Every sequence of one or two bytes, every lead byte with every second byte and a
    /// continuation or not after it: where UTF-8's rules on the second byte lie.
    func testEveryShortSequenceAsStringValidatesIt() {
        for a in 0...255 {
            check([UInt8(a)], "one byte")
            for b in 0...255 {
                check([UInt8(a), UInt8(b)], "two bytes")
                check([UInt8(a), UInt8(b), 0x80], "three bytes")
                check([UInt8(a), UInt8(b), 0x80, 0x80], "four bytes")
                check([UInt8(a), UInt8(b), 0x41], "then ASCII")
                check(Array("政务".utf8) + [UInt8(a), UInt8(b), 0xBF, 0xBF] + Array("公开".utf8), "inside text")
            }
        }
    }

    /// Random texts of CJK, white space, full-width digits and the rest, with random bytes
    /// changed, dropped or cut off.
    func testRandomTextsAndDamagedOnes() {
        var rng = SeededRandom(state: 20261202)
        let pieces = ["政府信息公开", "　", " ", "\t", "\r\n", "１２３", "12", "件", "，", "。", "é", "\u{00A0}", "\u{200B}",
                      "\u{FEFF}", "😀", "\u{10FFFF}", "\u{E000}", "\u{FFFD}", "Ａ", "a"]
        for round in 0..<3000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...60, using: &rng) { bytes += Array(pieces.randomElement(using: &rng)!.utf8) }
            check(bytes, "text \(round)")
            guard !bytes.isEmpty else { continue }
            var damaged = bytes
            let at = Int.random(in: 0..<damaged.count, using: &rng)
            switch round % 3 {
            case 0: damaged[at] = UInt8.random(in: 0...255, using: &rng)
            case 1: damaged.remove(at: at)
            default: damaged.removeLast(Int.random(in: 1...min(3, damaged.count), using: &rng))
            }
            check(damaged, "damaged \(round)")
        }
    }

    /// A long text (its room counted in scalars first) with a broken sequence at its end.
    func testALongTextCountedBeforeItIsDecoded() {
        let long = Array(String(repeating: "政务公开１２ 件。", count: 4000).utf8)
        XCTAssertGreaterThan(long.count, ProseText.countedFrom)
        check(long, "long")
        check(long + [0xE6, 0x94], "long, cut in a character")
        check([0x80] + long, "long, a continuation first")
    }

    /// The letters counted as the text is cut are those `Narratives.counted` counts.
    func testLettersAreCountedAsNarrativesCountThem() {
        for text in ["", "   ", "政务公开12件，ＡＢ１２。", "é😀\u{10FFFF}Ⅻ²", String(repeating: "一二三４５ab,.!", count: 3000)] {
            XCTAssertEqual(ProseText(text).letters, Narratives.counted(text), text)
        }
    }
}
