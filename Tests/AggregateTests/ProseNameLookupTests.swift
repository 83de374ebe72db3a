@testable import Aggregate
import Foundation
import TestSupport
import XCTest

/// wrongUnit's roster lookup by scalars (`Narratives.Names`) against the lookup it replaced: every
/// stretch a `String` built from its characters, asked of a `Set<String>` (canonical equivalence).
final class ProseNameLookupTests: XCTestCase {
    /// The lookup as it was: the longest roster name the text ends with, standing alone.
    func byStrings(_ text: String, whole: Bool, own: [String], roster: Set<String>) -> String? {
        let chars = Array(text)
        guard chars.count >= 2 else { return nil }
        for l in (2...min(8, chars.count)).reversed() {
            let tail = String(chars[(chars.count - l)...])
            if own.contains(tail) { return nil }
            guard roster.contains(tail) else { continue }
            let alone = l == chars.count ? (whole || chars.count == 8) : "与向由县区市".contains(chars[chars.count - l - 1])
            return alone ? tail : nil
        }
        return nil
    }

    func testScalarsFindWhatStringsFind() {
        // Plain ideographs, and what is equal to them only canonically: 豈 (U+F900) is 豈 (U+8C48),
        // "e" + U+0301 is "é", the Kelvin sign is "K"; a combining mark joins the character before it.
        let alphabet: [String] = ["甲", "乙", "镇", "乡", "与", "县", "\u{8C48}", "\u{F900}", "e", "\u{0301}", "é", "K", "\u{212A}", " ", "，", "“", "\u{302A}"]
        var random = SeededRandom(state: 14)
        func word(_ n: Int) -> String { (0..<n).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }.joined() }
        var found = 0, canonical = 0
        for round in 0..<300 {
            let roster = Set((0..<20).map { _ in word(2 + Int(random.next() % 3)) })
            let own = [word(2 + Int(random.next() % 2)), word(3)]
            let names = Narratives.Names(roster)
            for _ in 0..<40 {
                // Half the texts end with a roster name, as written or with its characters' other forms.
                var text = word(Int(random.next() % 7))
                if random.next() % 2 == 0 {
                    let name = roster.sorted()[Int(random.next() % UInt64(roster.count))]
                    text += random.next() % 2 == 0 ? name : name.replacingOccurrences(of: "\u{F900}", with: "\u{8C48}")
                        .replacingOccurrences(of: "K", with: "\u{212A}").replacingOccurrences(of: "é", with: "e\u{0301}")
                }
                let whole = random.next() % 2 == 0
                let expected = byStrings(text, whole: whole, own: own, roster: roster)
                let got = Narratives.rosterName(ending: text, atStart: whole, own: Narratives.OwnNames(own), roster: names)
                XCTAssertEqual(got, expected, "round \(round): \(Array(text.unicodeScalars)) in \(roster.sorted())")
                if let got {
                    found += 1
                    if !roster.contains(where: { Array($0.utf8) == Array(got.utf8) }) { canonical += 1 }
                }
            }
        }
        XCTAssertGreaterThan(found, 800)
        XCTAssertGreaterThan(canonical, 50)   // found only through canonical equivalence
    }

    func testACompatibilityIdeographInTheRosterIsTheSameTownship() {
        let names = Narratives.Names(["\u{F900}镇"])
        XCTAssertEqual(Narratives.rosterName(ending: "与\u{8C48}镇", atStart: false, own: Narratives.OwnNames(["甲镇"]), roster: names), "\u{8C48}镇")
        XCTAssertNil(Narratives.rosterName(ending: "与\u{8C48}镇", atStart: false, own: Narratives.OwnNames(["\u{F900}镇"]), roster: names))
    }

    func testPlainScalarsAreTheirOwnDecompositionAndCharacter() {
        var checked = 0
        for v in UInt32(0x20)...0xFFFF {
            guard let u = Unicode.Scalar(v), Narratives.Names.isPlain(u) else { continue }
            let alone = String(u)
            XCTAssertEqual(Array(alone.decomposedStringWithCanonicalMapping.unicodeScalars), [u], "U+\(String(v, radix: 16))")
            XCTAssertEqual(u.properties.canonicalCombiningClass, .notReordered, "U+\(String(v, radix: 16))")
            XCTAssertEqual(("镇" + alone + alone + "a" + alone).count, 5, "U+\(String(v, radix: 16))")
            checked += 1
        }
        XCTAssertEqual(checked, 95 + 24 + 42 + 6592 + 20992 + 94)
    }
}
