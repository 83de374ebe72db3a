/// The input contract (spec/report-json.md) as a JSON Schema (draft 2020-12), generated from
/// `Catalog` so that the published schema and the decoder cannot drift apart.
/// `schema/report.schema.json` is this output; a test keeps the two equal.
public enum ReportSchema {
    static func obj(_ m: [(String, JSONValue)]) -> JSONValue { .object(m) }

    public static func json(maximumCount: Int64 = 1_000_000_000) -> JSONValue {
        let count: JSONValue = obj([("type", .string("integer")), ("minimum", .integer(0)), ("maximum", .integer(maximumCount))])
        let amount: JSONValue = obj([("type", .string("number")), ("minimum", .integer(0)), ("maximum", .integer(maximumCount)),
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

        let str: JSONValue = obj([("type", .string("string"))])
        let nullableString: JSONValue = obj([("type", .array([.string("string"), .string("null")]))])
        var properties: [(String, JSONValue)] = [
            ("schemaVersion", obj([("const", .integer(1))])),
            ("edition", obj([("enum", .array([.string("2021"), .string("2019"), .null]))])),
            ("unit", obj([
                ("type", .string("object")),
                ("required", .array([.string("name"), .string("county")])),
                ("properties", obj([
                    ("name", obj([("type", .string("string")), ("minLength", .integer(1)), ("pattern", .string("\\S"))])),
                    ("code", obj([("anyOf", .array([obj([("type", .string("string")), ("pattern", .string("^\\s*([0-9]{9}|[0-9]{12})\\s*$"))]),
                                                     obj([("type", .string("null"))])]))])),
                    ("county", str),
                ])),
            ])),
            ("year", obj([("type", .string("integer")), ("minimum", .integer(2000)), ("maximum", .integer(2100))])),
            ("publishedOn", obj([
                ("description", .string("YYYY-MM-DD, or an ISO 8601 date-time (its day is taken in the county's time zone); null or absent means unknown")),
                ("anyOf", .array([
                    obj([("type", .string("string")), ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]+)?)?(Z|[+-][0-9]{2}:?[0-9]{2})?)?$"))]),
                    obj([("type", .string("null"))]),
                ])),
            ])),
            ("sourceUrl", nullableString),
        ]
        for s in Catalog.sections {
            var section = sectionSchema(s)
            if s.id == .proactive, case .object(var m) = section {
                // A 2019-format report carries other Section 二 keys; they are read, not summed.
                m.insert(("description", .string("Section 二 (2021 format). For edition \"2019\" any object is accepted and not summed.")), at: 0)
                section = .object(m)
            }
            properties.append((s.id.key, section))
        }
        properties.append(("narrative", obj([
            ("anyOf", .array([obj([("type", .string("object")), ("properties", obj([
                ("overview", nullableString), ("problems", nullableString), ("otherMatters", nullableString),
            ]))]), obj([("type", .string("null"))])])),
        ])))
        properties.append(("informationProcessingFeeYuan", obj([("anyOf", .array([amount, obj([("type", .string("null"))])]))])))

        return obj([
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string("https://nianbao.example/schema/report.schema.json")),
            ("title", .string("One township's 政府信息公开工作年度报告 (2021 national format)")),
            ("description", .string("Generated by `nianbao schema` from the catalog of rows and columns. Missing cells and unknown keys are accepted (and flagged), so neither is constrained here; everything else is.")),
            ("type", .string("object")),
            ("required", .array([.string("schemaVersion"), .string("unit"), .string("year")])),
            ("properties", .object(properties)),
        ])
    }
}
