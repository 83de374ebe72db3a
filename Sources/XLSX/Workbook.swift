import CXLSXWriter
import Foundation

/// One .xlsx file being written. `close()` writes it; until then nothing is on disk
/// but libxlsxwriter's temporary files. Not thread-safe: use it from one thread, except for
/// sheets filled side by side through `writeConcurrently`.
package final class Workbook {
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [Style: Format] = [:]
    private var formatsInOrder: [Format] = []
    /// While `writeConcurrently` runs: the thread that may still make formats, charts and sheets.
    private var ownerThread: pthread_t?
    private var sheetNames: Set<String> = []
    /// `sharedStringIndex`'s texts, so a text seen before is not looked up in libxlsxwriter's tree.
    private var sharedIndexes = SharedStringTable()
    private var sheets: [Worksheet] = []
    package let path: String
    package let constantMemory: Bool
    /// How hard `close()` deflates the parts of the file (see `Compression`).
    package let compression: Compression
    /// The zlib level the parts were deflated at, once `close()` has written the file.
    package private(set) var deflateLevel: Int?
    // Strings handed to libxlsxwriter that it keeps pointers to until close.
    private var retained: [UnsafeMutablePointer<CChar>] = []
    /// The stdio buffers of the sheets' temporary files, freed once close has closed the files.
    private var fileBuffers: [UnsafeMutablePointer<CChar>] = []
    static let sheetFileBuffer = 256 * 1024

    /// - Parameters:
    ///   - constantMemory: rows are flushed as soon as a later row is written, so memory stays
    ///     flat for large sheets; cells must then be written in row order (see `CellGrid`).
    ///   - temporaryDirectory: where libxlsxwriter keeps its temporary files.
    ///   - compression: how hard the parts are deflated.
    package init(path: String, constantMemory: Bool = true, temporaryDirectory: String? = nil,
                compression: Compression = .standard) throws {
        self.path = path
        self.constantMemory = constantMemory
        self.compression = compression
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        options.use_zip64 = 0
        var tmp: UnsafeMutablePointer<CChar>? = nil
        if let temporaryDirectory {
            tmp = strdup(temporaryDirectory)
            options.tmpdir = tmp
        }
        handle = workbook_new_opt(path, &options)
        if let tmp { retained.append(tmp) }
        if handle == nil { throw XLSXError.cannotCreateFile(path: path) }
    }

    deinit {
        if handle != nil {
            // Never closed (an error was thrown): free it without leaving a file behind.
            _ = try? close()
            unlink(path)
        }
        for p in retained { free(p) }
    }

    /// Validates the name the way Excel does before libxlsxwriter sees it
    /// (an empty name overflows a buffer in libxlsxwriter 1.1.4).
    package static func validateSheetName(_ name: String) throws {
        if name.isEmpty { throw XLSXError.sheetNameEmpty }
        if name.utf16.count > 31 { throw XLSXError.sheetNameTooLong(name) }
        if name.contains(where: { "[]:*?/\\".contains($0) }) { throw XLSXError.sheetNameInvalidCharacter(name) }
        if name.hasPrefix("'") || name.hasSuffix("'") { throw XLSXError.sheetNameApostrophe(name) }
    }

    package func addWorksheet(_ name: String) throws -> Worksheet {
        requireOwnerThread("addWorksheet")
        guard let handle else { throw XLSXError.workbookClosed }
        try Self.validateSheetName(name)
        guard sheetNames.insert(name.lowercased()).inserted else { throw XLSXError.sheetNameAlreadyUsed(name) }
        guard let sheet = workbook_add_worksheet(handle, name) else { throw XLSXError.parameterValidation }
        if let file = sheet.pointee.optimize_tmpfile {
            // The sheet's rows go to this file as they are written and are read back at close;
            // stdio's own buffer is 4 KiB, which made 乡镇明细 one write(2) per 4 KiB of XML.
            // Nothing has touched the stream yet, so it may still be given a buffer.
            let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Self.sheetFileBuffer)
            if setvbuf(file, buffer, _IOFBF, Self.sheetFileBuffer) == 0 { fileBuffers.append(buffer) } else { buffer.deallocate() }
        }
        let made = Worksheet(pointer: sheet, name: name, workbook: self)
        sheets.append(made)
        return made
    }

    /// The format for a style, made once per workbook.
    package func format(_ style: Style) -> Format {
        requireOwnerThread("format")
        if let made = formats[style] { return made }
        guard let handle, let pointer = workbook_add_format(handle) else { return .none }
        style.apply(to: pointer)
        let made = Format(pointer: pointer)
        formats[style] = made
        formatsInOrder.append(made)
        return made
    }

    /// Runs the jobs at the same time, the first on this thread and each other on a thread of
    /// its own (`begin`), and rethrows the error of the first job (in job order) that failed.
    /// With `concurrently` false, or when a thread cannot be started, a job runs on this thread
    /// after the first instead: the same file, never a wait for a thread.
    package func writeConcurrently(_ jobs: [() throws -> Void], concurrently: Bool = true) throws {
        guard handle != nil else { throw XLSXError.workbookClosed }
        numberFormats()
        let others = jobs.dropFirst().map { begin($0, concurrently: concurrently) }
        var firstError: Error? = nil
        if let first = jobs.first {
            do { try first() } catch { firstError = error }
        }
        var errors: [Error] = []
        for job in others {
            do { try job.finish() } catch { errors.append(error) }
        }
        if let error = firstError ?? errors.first { throw error }
    }

    /// Starts `job` — the rows of sheets no other job writes — on a thread of its own, while
    /// this thread goes on with the rest of the workbook; `finish()` waits for it and rethrows
    /// its error. With `concurrently` false, or when no thread can be started (ulimit -u, a pids
    /// limit), the job runs on this thread at `finish()` instead: the same file either way.
    ///
    /// libxlsxwriter keeps each sheet in its own temporary file, so sheets can be filled side by
    /// side if nothing workbook-wide changes meanwhile. The rules: a sheet is written by one job
    /// only; until every begun job is finished only this thread makes formats, charts or sheets
    /// (checked); and every format made so far is numbered before the job starts, in the order
    /// it was made, so the file does not depend on which thread used a format first.
    package func begin(_ job: @escaping () throws -> Void, concurrently: Bool = true) -> SheetJob {
        numberFormats()
        if begun == 0 { ownerThread = pthread_self() }
        begun += 1
        let made = SheetJob(job) { [weak self] in
            guard let self else { return }
            begun -= 1
            if begun == 0 { ownerThread = nil }
        }
        if concurrently { made.start(startThread) }
        return made
    }

    /// Jobs begun and not yet finished.
    private var begun = 0

    /// Numbers every format made so far in the order it was made (libxlsxwriter numbers a
    /// format when a cell first uses it), so that the file is the same whichever job uses a
    /// format first, and whether the jobs run side by side or in turn.
    private func numberFormats() {
        for format in formatsInOrder { if let p = format.pointer { _ = lxw_format_get_xf_index(p) } }
    }

    /// Starts `body` on a new thread, or returns nil when none can be started.
    private func startThread(_ body: @escaping @Sendable () -> Void) -> pthread_t? {
        let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        var thread = pthread_t()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setstacksize(&attributes, 8 << 20)
        let status = pthread_create(&thread, &attributes, { raw in
            Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue().run()
            return nil
        }, context)
        guard status == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(context).release()
            return nil
        }
        return thread
    }

    /// The index of `text` in the workbook's shared strings (sharedStrings.xml), added at the end
    /// when new. A constant-memory sheet writes its texts inline, every time in full; a sheet whose
    /// texts repeat (a township's name on each of its problems, a rule's label on every row) is
    /// smaller, faster to write and to zip, through this table. Indexes follow the order texts are
    /// first asked for, so only the workbook's own thread may ask (the same bytes every run).
    package func sharedStringIndex(_ text: String) throws -> UInt32 {
        requireOwnerThread("sharedStringIndex")
        guard let handle, let table = handle.pointee.sst else { throw XLSXError.workbookClosed }
        let hash = SharedStringTable.hash(text)
        if let known = sharedIndexes.index(of: text, hash: hash) {
            table.pointee.string_count += 1   // the count of uses, as libxlsxwriter keeps it
            return known
        }
        guard let element = lxw_get_sst_index(table, text, 0) else { throw XLSXError.memoryAllocationFailed }
        sharedIndexes.insert(text, hash: hash, index: element.pointee.index)
        return element.pointee.index
    }

    private func requireOwnerThread(_ what: String) {
        if let ownerThread, pthread_equal(ownerThread, pthread_self()) == 0 {
            preconditionFailure("Workbook.\(what) called from a job of writeConcurrently other than the first")
        }
    }

    /// Document properties; `created` fixes the timestamp so the same inputs give the same bytes.
    package func setProperties(title: String, subject: String = "", author: String = "",
                              company: String = "", comments: String = "", created: Date) throws {
        guard let handle else { throw XLSXError.workbookClosed }
        var props = lxw_doc_properties()
        let strings = [title, subject, author, company, comments].map { strdup(CellText.safe($0))! }
        retained.append(contentsOf: strings)
        props.title = strings[0]
        props.subject = strings[1]
        props.author = strings[2]
        props.company = strings[3]
        props.comments = strings[4]
        props.created = time_t(created.timeIntervalSince1970)
        try check(workbook_set_properties(handle, &props))
    }

    func chartHandle(_ type: lxw_chart_type) -> UnsafeMutablePointer<lxw_chart>? {
        requireOwnerThread("chart")
        guard let handle else { return nil }
        return workbook_add_chart(handle, UInt8(type.rawValue))
    }

    func retain(_ string: String) -> UnsafeMutablePointer<CChar> {
        requireOwnerThread("retain")
        let p = strdup(string)!
        retained.append(p)
        return p
    }

    /// Writes the file and frees every sheet and format; the workbook cannot be used after.
    /// `deflateThreads`: how many threads deflate each large part (1: this one only).
    package func close(deflateThreads: Int = 1) throws {
        guard let h = handle else { throw XLSXError.workbookClosed }
        // libxlsxwriter ignores failed writes to a sheet's temporary file (disk full, file size
        // limit), and would then zip a truncated sheet: check each one before assembling.
        var lost: String? = nil
        for sheet in sheets {
            guard let file = sheet.pointer.pointee.optimize_tmpfile else { continue }
            if fflush(file) != 0 || ferror(file) != 0 { lost = sheet.name; break }
        }
        sheets.removeAll()
        handle = nil
        formats.removeAll()
        let (status, level) = compression.closing(threads: deflateThreads) { workbook_close(h) }
        for buffer in fileBuffers { buffer.deallocate() }
        fileBuffers.removeAll()
        deflateLevel = level
        if let lost { throw XLSXError.temporaryFileWriteFailed(sheet: lost) }
        if status != LXW_NO_ERROR, let error = XLSXError(code: status, path: path) { throw error }
    }
}

/// A job of `Workbook.begin`: the rows of its own sheets, on a thread of its own or, when none
/// was started, on the workbook's thread at `finish()`. The workbook's rules (one job per sheet,
/// nothing workbook-wide made off the workbook's thread) are what make handing it over safe.
package final class SheetJob: @unchecked Sendable {
    private let job: () throws -> Void
    private let finished: () -> Void
    private var thread: pthread_t?
    private var error: Error?
    private var done = false

    fileprivate init(_ job: @escaping () throws -> Void, finished: @escaping () -> Void) {
        self.job = job
        self.finished = finished
    }

    fileprivate func start(_ startThread: (@escaping @Sendable () -> Void) -> pthread_t?) {
        thread = startThread { [self] in
            do { try job() } catch { self.error = error }
        }
    }

    /// Waits for the job (or runs it here), once; rethrows its error.
    package func finish() throws {
        guard !done else { return }
        done = true
        defer { finished() }
        if let thread { pthread_join(thread, nil) } else { try job() }
        if let error { throw error }
    }

    /// A job dropped unfinished (an error elsewhere) is waited for, never run.
    deinit {
        if !done {
            if let thread { pthread_join(thread, nil) }
            finished()
        }
    }
}

/// A thread's work, handed over through pthread_create's context pointer.
private final class ThreadBody: @unchecked Sendable {
    let run: @Sendable () -> Void
    init(_ run: @escaping @Sendable () -> Void) { self.run = run }
}

