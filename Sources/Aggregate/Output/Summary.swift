import StrictJSON

/// summary.json (spec/summary-json.md): the rollup's truth for programs, from the same `Rollup`
/// the workbook is drawn from.
package enum Summary {
    package static let schemaVersion = 1

    /// summary.json's bytes. Each township's object is made and written in turn rather than the
    /// whole document built first: at national scale that tree alone was some 30 MB. The bytes
    /// are exactly `JSONWriter.bytes` of the whole document.
    package static func bytes(_ r: Rollup, generator: String) -> [UInt8] {
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
        var out: [UInt8] = []
        out.reserveCapacity(4096 + r.townships.count * 400)
        JSONWriter.writeObject(members.count, indent: 0, into: &out) { k, out in
            let (key, value) = members[k]
            if let value { return (key, value) }
            JSONWriter.quote(key, into: &out)
            JSONWriter.append(": ", &out)
            JSONWriter.writeArray(r.townships.count, indent: 2, into: &out) { township(r.townships[$0]) }
            return nil
        }
        out.append(0x0A)
        return out
    }

    static func township(_ t: TownshipResult) -> JSONValue {
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
        m.append(("flags", .array(t.flags.map { f in
            .object([("rule", .string(f.rule.rawValue)), ("severity", .string(f.severity.rawValue)),
                     ("path", .string(f.path)), ("message", .string(f.message))])
        })))
        return .object(m)
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
