// swift-tools-version:6.0
import PackageDescription

/// So that libxlsxwriter's minizip reaches zlib through CDeflate (XLSX's `Compression.fast`):
/// the binary exports deflateInit2_, deflate and deflateEnd, which the dynamic linker then finds
/// before zlib's own.
let reachZlibThroughCDeflate: [LinkerSetting] = [.unsafeFlags(["deflateInit2_", "deflate", "deflateEnd"].flatMap {
    ["-Xlinker", "--export-dynamic-symbol=\($0)"]
})]

let package = Package(
    name: "nianbao",
    products: [
        .executable(name: "nianbao", targets: ["nianbao"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    ],
    targets: [
        // The C library, found through pkg-config; `make deps` installs it.
        .systemLibrary(
            name: "CXLSXWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // zlib's deflate calls, forwarded with another level and in blocks on several threads where
        // asked (libxlsxwriter 1.1.4 always deflates at level 6, on one thread): used by XLSX's
        // Compression alone, see
        // Sources/CDeflate/include/deflate_interpose.h.
        .target(name: "CDeflate"),
        // libxml2 (HTML pages, Word's XML) and poppler (PDF text), for reading published reports.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CPoppler",
            pkgConfig: "poppler-glib",
            providers: [.apt(["libpoppler-glib-dev"])]
        ),
        // A small, safe Swift face over libxlsxwriter. Knows nothing of townships.
        .target(name: "XLSX", dependencies: ["CXLSXWriter", "CDeflate"]),
        // A strict RFC 8259 parser and a deterministic writer: member order and number literals
        // kept, duplicates refused. Knows nothing of reports.
        .target(name: "StrictJSON"),
        // The domain, one folder per stage: Format (the catalog), Model, Decode, Load, Match,
        // Judge, Rollup, Changes, Output. Knows nothing of Excel or HTML.
        .target(name: "Aggregate", dependencies: ["StrictJSON"]),
        // Synthetic counties for benchmarks and tests (`nianbao generate`); never in a rollup.
        .target(name: "Synthetic", dependencies: ["Aggregate", "StrictJSON"]),
        // Reading reports as townships publish them (HTML, Word, text, PDF) into the report JSON.
        .target(
            name: "Import",
            dependencies: [
                "Aggregate", "StrictJSON", "CLibXML2", "CPoppler",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Renders a report JSON as townships publish it (portal HTML, Word, flattened text, PDF),
        // for the importer's round-trip tests and `generate --formats`.
        .target(
            name: "Publish",
            dependencies: ["Aggregate", "StrictJSON", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        // The one place that knows both: the county workbook's sheets.
        .target(name: "CountyWorkbook", dependencies: ["Aggregate", "XLSX"]),
        // The supervisors' page: one self-contained HTML file, drawn from the rollup alone.
        .target(name: "CountyPage", dependencies: ["Aggregate"]),
        // One nightly run: lock, load, check, write atomically.
        .target(name: "RollupJob", dependencies: ["Aggregate", "CountyWorkbook", "CountyPage", "Import"]),
        .executableTarget(
            name: "nianbao",
            dependencies: [
                "Aggregate", "StrictJSON", "Synthetic", "Import", "RollupJob", "Publish",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: reachZlibThroughCDeflate
        ),
        // Helpers the test targets share (the repository's root, the built executable, a folder's
        // files); a regular target that only test targets depend on.
        .target(name: "TestSupport", dependencies: ["Aggregate", "StrictJSON"], path: "Tests/TestSupport"),
        .testTarget(name: "AggregateTests", dependencies: ["Aggregate", "StrictJSON", "Synthetic", "TestSupport"]),
        .testTarget(
            name: "ImportTests",
            dependencies: ["Import", "Aggregate", "StrictJSON", "Synthetic", "Publish", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .testTarget(
            name: "PublishTests",
            dependencies: [
                "Publish", "Aggregate", "StrictJSON", "CPoppler", "TestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(
            name: "XLSXTests",
            dependencies: ["XLSX", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            // The test product too, so in-process workbooks are deflated as the command's are.
            linkerSettings: reachZlibThroughCDeflate
        ),
        .testTarget(name: "CountyPageTests", dependencies: ["CountyPage", "Aggregate", "TestSupport"]),
        .testTarget(
            name: "NianbaoTests",
            dependencies: [
                "Aggregate", "StrictJSON", "Synthetic", "CountyWorkbook", "Publish", "RollupJob", "TestSupport",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
    ]
)
