import StrictJSON

/// summary.json (spec/summary-json.md): the rollup's truth for programs, from the same `Rollup`
/// the workbook is drawn from.
package enum Summary {
    package static let schemaVersion = 1

    /// summary.json's bytes. Each township's object is made and written in turn rather than the
    /// whole document built first: at national scale that tree alone was some 30 MB. The bytes
    /// are exactly `JSONWriter.bytes` of the whole document.
    package static func bytes(_ r: Rollup, generator: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(4096 + r.townships.count * 400)
        write(r, generator: generator, into: &out, spill: nil)
        return out
    }

    /// summary.json written to `files` (the same bytes to each) a megabyte or so at a time, as
    /// `bytes` makes them.
    package static func write(_ r: Rollup, generator: String, to files: [FileOutput.Stream]) {
        var out: [UInt8] = []
        out.reserveCapacity(spillAt + 64 * 1024)
        write(r, generator: generator, into: &out) { chunk in for f in files { chunk.withUnsafeBufferPointer { f.write($0) } } }
        for f in files { out.withUnsafeBufferPointer { f.write($0) } }
    }

    /// Bytes kept before they are handed on (`write(_:generator:to:)`).
    static let spillAt = 1 << 20

    /// The document into `out`; `spill`, when given, takes `out` whenever a township leaves it
    /// past `spillAt` bytes (and `out` starts again empty).
    static func write(_ r: Rollup, generator: String, into out: inout [UInt8], spill: (([UInt8]) -> Void)?) {
        var members: [(String, JSONValue?)] = [
            ("schemaVersion", .integer(Int64(schemaVersion))),
            ("county", .object([("name", .string(r.county.name)), ("code", .string(r.county.code))])),
            ("year", .integer(Int64(r.year))),
            ("asOf", .string(r.asOf.description)),
            ("deadline", .string(r.deadline.description)),
            ("generator", .string(generator)),
            ("files", .object([("found", .integer(Int64(r.filesFound))), ("accepted", .integer(Int64(r.filesAccepted))),
                               ("rejected", .integer(Int64(r.rejected.count)))])),
            ("townships", nil),
            ("rejected", .array(r.rejected.map {
                .object([("file", .string($0.file)), ("path", .string($0.path)), ("message", .string($0.message))])
            })),
            ("skipped", .array(r.skipped.map { .object([("file", .string($0.file)), ("reason", .string($0.reason))]) })),
            ("coverage", .object(SectionID.allCases.filter(\.requiredForCompleteness).map { ($0.key, .integer(Int64(r.coverage[$0.rawValue]))) })),
            ("totals", sections(r.totals)),
        ]
        // What changed since the previous run, when this run compared (Changes/); additive.
        if let changes = r.changes { members.append(("changes", changes.json)) }
        JSONWriter.writeObject(members.count, indent: 0, into: &out) { k, out in
            let (key, value) = members[k]
            if let value { return (key, value) }
            JSONWriter.quote(key, into: &out)
            JSONWriter.append(": ", &out)
            JSONWriter.writeArray(r.townships.count, indent: 2, into: &out) { k, out in
                writeTownship(r.townships[k], indent: 4, into: &out)
                if let spill, out.count >= spillAt {
                    spill(out)
                    out.removeAll(keepingCapacity: true)
                }
            }
            return nil
        }
        out.append(0x0A)
    }

    /// A township's object as `JSONWriter` writes `township(t)` at `indent`, its flags written
    /// straight into the bytes (a value per flag, at 100,000 flags, cost more than the writing).
    static func writeTownship(_ t: TownshipResult, indent: Int, into out: inout [UInt8]) {
        guard case .object(var members) = township(t, flags: false) else { return }
        members.append(("flags", .null))   // written below
        JSONWriter.writeObject(members.count, indent: indent, into: &out) { k, out in
            guard k == members.count - 1 else { return members[k] }
            JSONWriter.quote("flags", into: &out)
            JSONWriter.append(": ", &out)
            JSONWriter.writeArray(t.flags.count, indent: indent + 2, into: &out) { i, out in
                JSONWriter.writeObject(flagMembers, indent: indent + 4, into: &out) { m, _ in flagMember(t.flags[i], m) }
            }
            return nil
        }
    }

    /// A township's object; `flags: false` leaves its flags out (`writeTownship` writes them; the
    /// whole value is what PreviousSummaryTests holds `writeTownship`'s bytes to).
    static func township(_ t: TownshipResult, flags: Bool = true) -> JSONValue {
        func str(_ s: String?) -> JSONValue { s.map { .string($0) } ?? .null }
        func int(_ i: Int?) -> JSONValue { i.map { .integer(Int64($0)) } ?? .null }
        var m: [(String, JSONValue)] = [
            ("name", .string(t.name)),
            ("code", str(t.code)),
            ("status", .string(t.status.rawValue)),
            ("publishedOn", str(t.publishedOn?.description)),
            ("daysLate", int(t.daysLate)),
        ]
        if t.status == .pending { m.append(("daysLeft", int(t.daysLeft))) }
        m.append(("file", str(t.file)))
        m.append(("format", str(format(t))))
        m.append(("onRoster", .bool(t.onRoster)))
        m.append(("counted", .bool(t.counted)))
        if flags {
            m.append(("flags", .array(t.flags.map { f in .object((0..<flagMembers).map { flagMember(f, $0) }) })))
        }
        return .object(m)
    }

    /// A flag's members in summary.json, member `m` of `flagMembers`.
    static let flagMembers = 4
    static func flagMember(_ f: Flag, _ m: Int) -> (String, JSONValue) {
        switch m {
        case 0: ("rule", .string(f.rule.rawValue))
        case 1: ("severity", .string(f.severity.rawValue))
        case 2: ("path", .string(f.path))
        default: ("message", .string(f.message))
        }
    }

    /// The format the township's report came in: its counted report's, else its unreadable file's
    /// by extension; nil when it has no file.
    package static func format(_ t: TownshipResult) -> String? {
        if let r = t.report { return r.format.rawValue }
        guard let f = t.file else { return nil }
        return SourceFormat(fileName: f)?.rawValue
    }

    /// Figures in exactly the shape of a report's sections (the input contract), so the code
    /// that reads a report reads the totals too.
    package static func sections(_ values: [Int64]) -> JSONValue {
        .object(Catalog.sections.map { section in
            let root = section.members { cell, kind in kind.json(values[cell]) }
            return (section.id.key, .object(root))
        })
    }

}
