import Foundation

/// Whose report a report is: a roster township, a unit off the roster, another county's, or one
/// whose code and name point at two different townships.
enum Identity: Hashable {
    case township(Int)
    case offRoster
    /// `unit.county` names another county: not counted, listed.
    case otherCounty
    /// The code is one township's and the name another's (or the roster gives the named
    /// township another code): counted for neither; the message says both.
    case conflict(String)
}

/// The roster as matching reads it, built once: codes and names (normalised once), and the
/// lengths they come in, so that a file name can be searched for every township in time linear
/// in its length rather than in the roster's.
struct RosterIndex {
    let roster: [RosterEntry]
    let county: County
    private var byCode: [UTF8Key: Int] = [:]
    private var byName: [UTF8Key: Int] = [:]
    private var nameLengths: [Int] = []
    private var codeLengths: [Int] = []

    init(roster: [RosterEntry], county: County) {
        self.roster = roster
        self.county = county
        var names = Set<Int>(), codes = Set<Int>()
        byCode.reserveCapacity(roster.count)
        byName.reserveCapacity(roster.count)
        for (i, t) in roster.enumerated() {
            if let c = t.code {
                let key = UTF8Key(Self.canonical(c))
                if byCode[key] == nil { byCode[key] = i }
                codes.insert(c.unicodeScalars.count)
            }
            let name = RosterName.clean(t.name)
            let key = UTF8Key(name)
            if byName[key] == nil { byName[key] = i }
            names.insert(name.unicodeScalars.count)
        }
        nameLengths = names.filter { $0 > 0 }.sorted()
        codeLengths = codes.filter { $0 > 0 }.sorted()
    }

    /// A township's code in one form: the 12-digit 统计用区划代码 of a township is its 9-digit
    /// code followed by 000, and rosters and reports use either.
    static func canonical(_ code: String) -> String {
        code.utf8.count == 12 && code.hasSuffix("000") ? String(code.prefix(9)) : code
    }

    /// The roster code wins; a name is used only where the roster gives the named township no
    /// code (a different code is not our township); a report naming another county is not ours.
    func identify(_ unit: Unit) -> Identity {
        if !CountyName.same(unit.county, county.name) { return .otherCounty }
        let named = byName[UTF8Key(RosterName.clean(unit.name))]
        if let c = unit.code {
            if let i = byCode[UTF8Key(Self.canonical(c))] {
                if let j = named, j != i {
                    return .conflict("代码\(c)属于\(roster[i].name)，名称却是\(roster[j].name)（名册代码\(roster[j].code ?? "未填")）；身份不明，两乡镇均未计入")
                }
                return .township(i)
            }
            if let j = named {
                if let rosterCode = roster[j].code {
                    return .conflict("名称为\(roster[j].name)，代码\(c)却不是名册中\(roster[j].name)的代码\(rosterCode)；身份不明，未计入")
                }
                return .township(j)
            }
            return .offRoster
        }
        return named.map { .township($0) } ?? .offRoster
    }

    /// The roster townships a file's name names, by name or code, in roster order.
    func named(inFile file: String) -> [Int] {
        let stem = Array((file as NSString).lastPathComponent.precomposedStringWithCanonicalMapping.unicodeScalars)
        var found = Set<Int>()
        for start in stem.indices {
            for length in nameLengths {
                guard start + length <= stem.count else { break }
                var key = String.UnicodeScalarView()
                key.append(contentsOf: stem[start..<(start + length)])
                if let i = byName[UTF8Key(String(key))] { found.insert(i) }
            }
        }
        // Codes are digits: look inside each run of digits.
        var start = 0
        while start < stem.count {
            guard stem[start].properties.numericType == .decimal, stem[start].isASCII else { start += 1; continue }
            var end = start
            while end < stem.count, stem[end].isASCII, stem[end].properties.numericType == .decimal { end += 1 }
            let digits = String(String.UnicodeScalarView(stem[start..<end]))
            let u = Array(digits.utf8)
            for length in codeLengths where length <= u.count {
                for from in 0...(u.count - length) {
                    if let i = byCode[UTF8Key(Self.canonical(String(decoding: u[from..<(from + length)], as: UTF8.self)))] { found.insert(i) }
                }
            }
            start = end
        }
        return found.sorted()
    }
}

/// County names as reports write them: 平罗县, 平罗 (without 县/区/市/旗), or with the province
/// and city before it (宁夏回族自治区石嘴山市平罗县).
enum CountyName {
    static let suffixes = ["自治县", "自治旗", "县", "区", "市", "旗"]
    static let prefixEnds = ["省", "市", "区", "州", "盟"]

    /// Whether `given` (a report's unit.county) names the county `ours`. An empty name names
    /// none other.
    static func same(_ given: String, _ ours: String) -> Bool {
        // The usual case, the county's own name as county.json writes it: no cleaning needed.
        if given == ours { return true }
        let g = clean(given), o = clean(ours)
        if g.isEmpty || o.isEmpty || g == o { return true }
        if let suffix = suffixes.first(where: { o.hasSuffix($0) }) {
            let stem = String(o.dropLast(suffix.count))
            if stem.count >= 2 && g == stem { return true }
            // With the province and city first: what precedes ends like an administrative unit.
            if g.hasSuffix(o) {
                let before = g.dropLast(o.count)
                if prefixEnds.contains(where: { before.hasSuffix($0) }) { return true }
            }
        } else if o.count >= 2 {
            if suffixes.contains(where: { g == o + $0 }) { return true }
        }
        return false
    }

    static func clean(_ s: String) -> String { RosterName.clean(s) }
}
