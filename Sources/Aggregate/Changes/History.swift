import Foundation

/// `--history DIR`: each run's summary.json kept as DIR/<county>-<year>-<asOf>.summary.json (one
/// per as-of day, the latest run of the day wins), so the page can draw arrivals by day. Only
/// files of exactly that name are ever read or deleted, and never through a symbolic link.
package enum History {
    /// The county's part of the name: the county as named, a slash or NUL made harmless.
    package static func stem(_ county: County) -> String {
        String(county.name.map { $0 == "/" || $0 == "\0" ? "_" : $0 })
    }

    package static func fileName(county: County, year: Int, asOf: CalendarDate) -> String {
        "\(stem(county))-\(year)-\(asOf).summary.json"
    }

    /// The year and as-of of a history file of this county, or nil for any other name.
    package static func parse(fileName name: String, county: County) -> (year: Int, asOf: CalendarDate)? {
        let prefix = "\(stem(county))-", suffix = ".summary.json"
        guard name.hasPrefix(prefix), name.hasSuffix(suffix) else { return nil }
        let middle = Array(name.dropFirst(prefix.count).dropLast(suffix.count).utf8)
        // YYYY-YYYY-MM-DD
        guard middle.count == 15, middle[4] == UInt8(ascii: "-") else { return nil }
        let yearText = String(decoding: middle[0..<4], as: UTF8.self)
        guard yearText.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let year = Int(yearText),
              let asOf = CalendarDate(iso: String(decoding: middle[5...], as: UTF8.self)) else { return nil }
        // Only the exact spelling this writes (CalendarDate accepts nothing else, but be sure).
        guard fileName(county: county, year: year, asOf: asOf) == name else { return nil }
        return (year, asOf)
    }

    /// Whether `path` names a regular file itself (not a link to one).
    static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// This county's history files of `year`, oldest as-of first.
    package static func snapshots(in dir: URL, county: County, year: Int) -> [(asOf: CalendarDate, url: URL)] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.compactMap { name -> (CalendarDate, URL)? in
            guard let (y, asOf) = parse(fileName: name, county: county), y == year else { return nil }
            let url = dir.appendingPathComponent(name)
            return isRegularFile(url.path) ? (asOf, url) : nil
        }.sorted { $0.0 < $1.0 }
    }

    /// Deletes this county's history files of other reporting years (regular files of exactly
    /// the history name; nothing else, no link followed). Returns the names removed.
    @discardableResult
    package static func prune(_ dir: URL, county: County, keeping year: Int) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        var removed: [String] = []
        for name in names.sorted() {
            guard let (y, _) = parse(fileName: name, county: county), y != year else { continue }
            let path = dir.appendingPathComponent(name).path
            if isRegularFile(path), unlink(path) == 0 { removed.append(name) }
        }
        return removed
    }

    /// Whether `dir` lies inside (or is) `inputs`, after resolving links: history there would be
    /// read as inputs, or pruned among them.
    package static func isInside(_ dir: URL, _ inputs: URL) -> Bool {
        let d = dir.standardizedFileURL.resolvingSymlinksInPath().path
        let i = inputs.standardizedFileURL.resolvingSymlinksInPath().path
        return d == i || d.hasPrefix(i.hasSuffix("/") ? i : i + "/")
    }
}

/// Reports received per day in the January the reports are due: the chart on the page.
package struct Arrivals: Sendable, Equatable {
    /// The year whose January is drawn (the reporting year + 1).
    package var dueYear: Int
    /// Reports by publication day, January 1…31.
    package var byDay: [Int]
    /// Reports published before January, and after it.
    package var before = 0, after = 0
    /// How many history files were read (0: the dates come from this run alone).
    package var snapshots = 0

    /// From the history files of the year (each township's first dated report seen there, so a
    /// later correction does not move its arrival), then this run for townships history lacks.
    package static func of(_ r: Rollup, history: [(asOf: CalendarDate, url: URL)]) -> Arrivals {
        var first: [String: CalendarDate] = [:]
        func key(_ name: String, _ code: String?) -> String { code.map { "c:\($0)" } ?? "n:\(name)" }
        var read = 0
        for (_, url) in history {
            guard History.isRegularFile(url.path), let data = FileManager.default.contents(atPath: url.path),
                  case .success(let s) = PreviousSummary.parse([UInt8](data), county: r.county, year: r.year) else { continue }
            read += 1
            for t in s.townships where [.onTime, .late].contains(t.status) {
                if let d = t.publishedOn, first[key(t.name, t.code)] == nil { first[key(t.name, t.code)] = d }
            }
        }
        for t in r.townships where [.onTime, .late].contains(t.status) {
            if let d = t.publishedOn, first[key(t.name, t.code)] == nil { first[key(t.name, t.code)] = d }
        }
        var a = Arrivals(dueYear: r.year + 1, byDay: Array(repeating: 0, count: 31), snapshots: read)
        for d in first.values {
            if d.year < a.dueYear { a.before += 1 }
            else if d.year == a.dueYear && d.month == 1 { a.byDay[d.day - 1] += 1 }
            else { a.after += 1 }
        }
        return a
    }
}
