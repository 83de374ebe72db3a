import Aggregate
import ArgumentParser
import Foundation
import Publish
import RollupJob

/// `nianbao render FILE.json --as html|gbk-html|docx|text|pdf`: one report in the shape a township
/// publishes it, to turn the bundled samples into portal pages, Word files, copied text and PDFs.
struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render one report JSON as a township publishes it (portal HTML, GBK HTML, Word, copied text, PDF).",
        discussion: """
        The output goes next to the input with the format's extension (FILE.html, FILE.gbk.html, FILE.docx, \
        FILE.txt, FILE.pdf) unless -o names a file; -o - writes to standard output. The same report gives \
        the same bytes.
        """
    )

    /// The published shapes the command offers.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case html, gbkHTML = "gbk-html", bareHTML = "bare-html", docx, text, pdf, scanPDF = "scan-pdf"
    }

    @Argument(help: "The report (JSON, the input contract).")
    var file: String

    @Option(name: .customLong("as"), help: "Output shape: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format

    @Option(help: "For --as text, how tables flatten: \(PublishedStyle.TextShape.allCases.map(\.rawValue).joined(separator: ", ")).")
    var shape: String = PublishedStyle.TextShape.tabs.rawValue

    @Option(name: .shortAndLong, help: "Output path (default: next to FILE; - for standard output).")
    var output: String?

    func validate() throws {
        if PublishedStyle.TextShape(rawValue: shape) == nil {
            throw ValidationError("--shape: expected one of \(PublishedStyle.TextShape.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    var style: PublishedStyle {
        switch format {
        case .html: .html(encoding: .utf8, shell: .portal)
        case .gbkHTML: .html(encoding: .gbk, shell: .portal)
        case .bareHTML: .html(encoding: .utf8, shell: .bare)
        case .docx: .docx
        case .text: .text(shape: PublishedStyle.TextShape(rawValue: shape) ?? .tabs)
        case .pdf: .pdf
        case .scanPDF: .scannedPDF
        }
    }

    /// FILE.json → FILE.html (FILE.gbk.html for GBK, so both can sit beside each other).
    static func defaultPath(for input: String, style: PublishedStyle) -> String {
        let base = input.hasSuffix(".json") ? String(input.dropLast(5)) : input
        if case .html(.gbk, _) = style { return base + ".gbk.html" }
        if case .scannedPDF = style { return base + ".scan.pdf" }
        return base + "." + style.fileExtension
    }

    func run() throws {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw CommandError.cannotRead(file)
        }
        let bytes: [UInt8]
        do {
            bytes = try Publisher.render(json: [UInt8](data), as: style)
        } catch {
            throw CommandError.cannotRender(file: file, error)
        }
        let path = output ?? Render.defaultPath(for: file, style: style)
        if path == "-" {
            try Console.output(bytes)
            return
        }
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw CommandError.cannotWrite(path)
        }
        Console.error("wrote \(path) (\(bytes.count) bytes)\n")
    }
}
