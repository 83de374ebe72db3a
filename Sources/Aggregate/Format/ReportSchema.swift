import Foundation
import StrictJSON

/// The input contract (spec/report-json.md) as a JSON Schema (draft 2020-12), generated from
/// `Catalog` so that the published schema and the decoder cannot drift apart.
/// `schema/report.schema.json` is this output; a test keeps the two equal.
package enum ReportSchema {
    static func obj(_ m: [(String, JSONValue)]) -> JSONValue { .object(m) }

    package static func json(maximumCount: Int64 = DecodeOptions.defaultMaximumCount,
                            maximumAmount: Int64 = DecodeOptions.defaultMaximumAmount) -> JSONValue {
        let count: JSONValue = obj([("type", .string("integer")), ("minimum", .integer(0)), ("maximum", .integer(maximumCount))])
        let amount: JSONValue = obj([("type", .string("number")), ("minimum", .integer(0)), ("maximum", .integer(maximumAmount)),
                                     ("multipleOf", .number("0.000001"))])
        func leaf(_ kind: ValueKind) -> JSONValue { kind == .count ? count : amount }

        func sectionSchema(_ s: SectionDef) -> JSONValue {
            // Build nested objects from the row paths.
            indirect enum Node { case leaf(ValueKind), object([(String, Node)]) }
            func insert(_ node: inout [(String, Node)], _ path: ArraySlice<String>, _ kind: ValueKind) {
                let head = path.first!
                if path.count == 1 { node.append((head, .leaf(kind))); return }
                if let k = node.firstIndex(where: { $0.0 == head }), case .object(var sub) = node[k].1 {
                    insert(&sub, path.dropFirst(), kind)
                    node[k].1 = .object(sub)
                } else {
                    var sub: [(String, Node)] = []
                    insert(&sub, path.dropFirst(), kind)
                    node.append((head, .object(sub)))
                }
            }
            var root: [(String, Node)] = []
            for row in s.rows {
                for col in row.columns {
                    var path = row.path
                    if let k = col.key { path.append(k) }
                    insert(&root, path[...], col.kind)
                }
            }
            func render(_ members: [(String, Node)], optional: Bool) -> JSONValue {
                var m: [(String, JSONValue)] = [("type", .string("object"))]
                m.append(("properties", .object(members.map { key, node in
                    switch node {
                    case .leaf(let k): return (key, optional ? obj([("anyOf", .array([leaf(k), obj([("type", .string("null"))])]))]) : leaf(k))
                    case .object(let sub): return (key, render(sub, optional: optional))
                    }
                })))
                // Missing cells are accepted and flagged `incomplete`, so nothing is required here;
                // unknown keys are accepted and flagged `unknownKey`.
                return .object(m)
            }
            return render(root, optional: s.id == .overview)
        }

        let nullableString: JSONValue = obj([("type", .array([.string("string"), .string("null")]))])
        func unitKeySchema(_ key: UnitKey) -> JSONValue {
            switch key {
            case .name: obj([
                ("description", .string("The township's name. White space and invisible format characters (Unicode White_Space, category Cf) at either end are trimmed; what remains must be non-empty and free of control characters (Cc); it is then NFC-normalised")),
                ("type", .string("string")), ("minLength", .integer(1)),
                ("pattern", .string(namePattern(allowEmpty: false))),
            ])
            case .code: obj([
                ("description", .string("统计用区划代码: 9 or 12 ASCII digits; spaces and tabs around it (not line breaks) are trimmed")),
                ("anyOf", .array([
                    obj([("type", .string("string")),
                         ("pattern", .string("^[\(trimmedAroundCode)]*([0-9]{9}|[0-9]{12})[\(trimmedAroundCode)]*$"))]),
                    obj([("type", .string("null"))]),
                ])),
            ])
            case .county: obj([
                ("description", .string("The county's name, trimmed like unit.name; it may be empty but must not contain control characters")),
                ("type", .string("string")),
                ("pattern", .string(namePattern(allowEmpty: true))),
            ])
            }
        }
        // Section 二 in the 2021 shape, imposed only when edition is not "2019" (the top-level if/else).
        var proactive2021: JSONValue = .null
        func keySchema(_ key: ReportKey) -> JSONValue {
            switch key.kind {
            case .schemaVersion: obj([
                ("const", .integer(1)),
            ])
            case .edition: obj([
                ("description", .string("Absent or null means \"2021\". \"2019\" reports are read but flagged 格式过时 for years ≥ 2021, and their proactive section is not summed.")),
                ("enum", .array([.string(Edition.y2021.rawValue), .string(Edition.y2019.rawValue), .null])),
            ])
            case .unit: obj([
                ("type", .string("object")),
                ("required", .array(UnitKey.allCases.filter { $0.requirement == .required }.map { .string($0.name) })),
                ("properties", .object(UnitKey.allCases.map { ($0.name, unitKeySchema($0)) })),
            ])
            case .year: obj([
                ("description", .string("The reporting year; the tool also requires it to equal the year of the folder the file is in, which this schema cannot see")),
                ("type", .string("integer")), ("minimum", .integer(2000)), ("maximum", .integer(2100)),
            ])
            case .date: obj([
                ("description", .string("A real calendar day YYYY-MM-DD, or an ISO 8601 date-time (its day is taken in the county's time zone; without an offset the time is the county's); null or absent means unknown")),
                ("anyOf", .array([
                    obj([("type", .string("string")), ("pattern", .string(publishedOnPattern))]),
                    obj([("type", .string("null"))]),
                ])),
            ])
            case .text: nullableString
            case .section(let id) where id == .proactive:
                // A 2019-format report carries other Section 二 keys; the tool reads any object there
                // and does not sum it.
                {
                    proactive2021 = sectionSchema(Catalog.section(id))
                    return obj([
                        ("description", .string("Section 二. In the 2021 format (edition absent, null or \"2021\") it has the shape given under the top-level \"else\"; for edition \"2019\" any object is accepted and not summed.")),
                        ("type", .string("object")),
                    ])
                }()
            case .section(let id) where !id.requiredForCompleteness:
                // 一's figures are each optional: a null overview means none stated.
                obj([("anyOf", .array([sectionSchema(Catalog.section(id)), obj([("type", .string("null"))])]))])
            case .section(let id): sectionSchema(Catalog.section(id))
            case .narrative: obj([
                ("anyOf", .array([obj([("type", .string("object")), ("properties", .object(NarrativeKey.allCases.map { ($0.name, nullableString) }))]),
                                  obj([("type", .string("null"))])])),
            ])
            case .yuan: obj([("anyOf", .array([amount, obj([("type", .string("null"))])]))])
            }
        }
        let properties = ReportKey.allCases.map { ($0.name, keySchema($0)) }
        let required = ReportKey.allCases.filter { $0.requirement == .required }.map { JSONValue.string($0.name) }

        return obj([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://nianbao.example/schema/report.schema.json")),
            ("title", .string("One township's 政府信息公开工作年度报告 (2021 national format)")),
            ("description", .string("Generated by `nianbao schema` from the catalog of rows and columns. Missing cells and unknown keys are accepted (and flagged), so neither is constrained here; everything else is, except what a schema cannot see: the file must be UTF-8 JSON of at most 4 MiB with no key repeated in an object, and year must equal the year of its folder. Whole numbers may be written 12, 12.0 or 1.2e1 anywhere a whole number is due.")),
            ("type", .string("object")),
            ("required", .array(required)),
            ("properties", .object(properties)),
            ("if", obj([
                ("properties", obj([(ReportKey.edition.name, obj([("const", .string(Edition.y2019.rawValue))]))])),
                ("required", .array([.string(ReportKey.edition.name)])),
            ])),
            ("else", obj([("properties", obj([(ReportKey.proactive.name, proactive2021)]))])),
        ])
    }

    /// A regex character-class body (`\uXXXX` and `\uXXXX-\uYYYY` items, valid in ECMA-262 and
    /// ICU alike) listing the BMP scalars for which `test` holds. Derived from the same Unicode
    /// and Foundation tables the decoder uses, so the two cannot disagree within the BMP.
    static func characterClass(_ test: (Unicode.Scalar) -> Bool) -> String {
        func hex(_ v: UInt32) -> String {
            let h = String(v, radix: 16, uppercase: true)
            return "\\u" + String(repeating: "0", count: 4 - h.count) + h
        }
        var out = ""
        var start: UInt32? = nil
        func close(_ last: UInt32) {
            guard let a = start else { return }
            out += a == last ? hex(a) : a + 1 == last ? hex(a) + hex(last) : hex(a) + "-" + hex(last)
            start = nil
        }
        for v in UInt32(0)...0xFFFF {
            if let u = Unicode.Scalar(v), test(u) {
                if start == nil { start = v }
            } else if start != nil {
                close(v - 1)
            }
        }
        close(0xFFFF)
        return out
    }

    /// What the decoder trims from both ends of a name: Unicode White_Space and format (Cf).
    static let invisible = characterClass { $0.properties.isWhitespace || $0.properties.generalCategory == .format }
    /// What a trimmed name must not contain: control characters (Cc).
    static let control = characterClass { $0.properties.generalCategory == .control }
    /// What `trimmingCharacters(in: .whitespaces)` removes around a code (Foundation's own set,
    /// which on Linux includes U+200B).
    static let trimmedAroundCode = characterClass { String(Character($0)).trimmingCharacters(in: .whitespaces).isEmpty }

    /// Invisible ends, then (unless empty is allowed) a core that starts and ends with a visible,
    /// non-control character and has no control character inside.
    static func namePattern(allowEmpty: Bool) -> String {
        let visible = "[^\(invisible)\(control)]"
        let core = "\(visible)(?:[^\(control)]*\(visible))?"
        return "^[\(invisible)]*" + (allowEmpty ? "(?:\(core))?" : core) + "[\(invisible)]*$"
    }

    /// "YYYY-MM-DD" naming a real day of years 0001–9999, optionally followed by the time the
    /// decoder reads: [T ]hh:mm[:ss[.f…]][Z|±hh[:]mm] with hh ≤ 23, mm ≤ 59, ss ≤ 60, offset ≤ 14:59.
    static let publishedOnPattern: String = {
        let year = "(?:[1-9][0-9]{3}|0[1-9][0-9]{2}|00[1-9][0-9]|000[1-9])"
        let leapYear = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
        let day = "(?:\(year)-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)|02-(?:0[1-9]|1[0-9]|2[0-8]))|\(leapYear)-02-29)"
        let time = "(?:[T ](?:[01][0-9]|2[0-3]):[0-5][0-9](?::(?:[0-5][0-9]|60)(?:\\.[0-9]*)?)?(?:Z|[+-](?:0[0-9]|1[0-4]):?[0-5][0-9])?)"
        return "^\(day)\(time)?$"
    }()
}
