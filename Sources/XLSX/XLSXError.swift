import CXLSXWriter

/// Every way writing a workbook can fail, as one documented Swift error.
///
/// libxlsxwriter reports failures as `lxw_error` codes; `XLSXError(code:)` maps each
/// `LXW_ERROR_*` constant to a case so callers never see raw integers.
package enum XLSXError: Error, Equatable, CustomStringConvertible {
    case memoryAllocationFailed
    case cannotCreateFile(path: String)
    case cannotCreateTemporaryFile
    case cannotReadTemporaryFile
    case temporaryFileWriteFailed(sheet: String)
    case zipFailed(String)
    case featureNotSupported
    case parameterValidation
    case sheetNameTooLong(String)
    case sheetNameInvalidCharacter(String)
    case sheetNameApostrophe(String)
    case sheetNameEmpty
    case sheetNameAlreadyUsed(String)
    case stringTooLong
    case indexOutOfRange(row: UInt32, column: UInt16)
    case urlTooLong
    case tooManyURLs
    case workbookClosed
    case library(code: UInt32, message: String)

    /// Maps a libxlsxwriter status to an error, or nil for `LXW_NO_ERROR`.
    init?(code: lxw_error, path: String = "", sheet: String = "", row: UInt32 = 0, column: UInt16 = 0) {
        switch code {
        case LXW_NO_ERROR: return nil
        case LXW_ERROR_MEMORY_MALLOC_FAILED: self = .memoryAllocationFailed
        case LXW_ERROR_CREATING_XLSX_FILE: self = .cannotCreateFile(path: path)
        case LXW_ERROR_CREATING_TMPFILE: self = .cannotCreateTemporaryFile
        case LXW_ERROR_READING_TMPFILE: self = .cannotReadTemporaryFile
        case LXW_ERROR_ZIP_FILE_OPERATION, LXW_ERROR_ZIP_PARAMETER_ERROR, LXW_ERROR_ZIP_BAD_ZIP_FILE,
             LXW_ERROR_ZIP_INTERNAL_ERROR, LXW_ERROR_ZIP_FILE_ADD, LXW_ERROR_ZIP_CLOSE:
            self = .zipFailed(String(cString: lxw_strerror(code)))
        case LXW_ERROR_FEATURE_NOT_SUPPORTED: self = .featureNotSupported
        case LXW_ERROR_PARAMETER_VALIDATION, LXW_ERROR_NULL_PARAMETER_IGNORED: self = .parameterValidation
        case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED: self = .sheetNameTooLong(sheet)
        case LXW_ERROR_INVALID_SHEETNAME_CHARACTER: self = .sheetNameInvalidCharacter(sheet)
        case LXW_ERROR_SHEETNAME_START_END_APOSTROPHE: self = .sheetNameApostrophe(sheet)
        case LXW_ERROR_SHEETNAME_ALREADY_USED: self = .sheetNameAlreadyUsed(sheet)
        case LXW_ERROR_32_STRING_LENGTH_EXCEEDED, LXW_ERROR_128_STRING_LENGTH_EXCEEDED,
             LXW_ERROR_255_STRING_LENGTH_EXCEEDED, LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
            self = .stringTooLong
        case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE: self = .indexOutOfRange(row: row, column: column)
        case LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED: self = .urlTooLong
        case LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED: self = .tooManyURLs
        default: self = .library(code: code.rawValue, message: String(cString: lxw_strerror(code)))
        }
    }

    package var description: String {
        switch self {
        case .memoryAllocationFailed: return "out of memory while writing the workbook"
        case .cannotCreateFile(let path): return "cannot create the workbook file \(path) (folder missing, not writable, or disk full)"
        case .cannotCreateTemporaryFile: return "cannot create a temporary file for the workbook (check TMPDIR and free space)"
        case .cannotReadTemporaryFile: return "cannot read back a temporary file of the workbook"
        case .temporaryFileWriteFailed(let sheet): return "writing sheet '\(sheet)' to its temporary file failed (disk full or file size limit?)"
        case .zipFailed(let why): return "cannot write the workbook's zip container: \(why) (disk full?)"
        case .featureNotSupported: return "feature not supported by this libxlsxwriter"
        case .parameterValidation: return "invalid parameter passed to libxlsxwriter"
        case .sheetNameTooLong(let s): return "sheet name '\(s)' is longer than 31 characters"
        case .sheetNameInvalidCharacter(let s): return "sheet name '\(s)' contains one of []:*?/\\"
        case .sheetNameApostrophe(let s): return "sheet name '\(s)' starts or ends with an apostrophe"
        case .sheetNameEmpty: return "sheet name is empty"
        case .sheetNameAlreadyUsed(let s): return "sheet name '\(s)' is already used"
        case .stringTooLong: return "string longer than libxlsxwriter allows"
        case .indexOutOfRange(let r, let c): return "cell (\(r), \(c)) is outside the sheet or behind the rows already written"
        case .urlTooLong: return "URL longer than Excel allows"
        case .tooManyURLs: return "more URLs than Excel allows in one sheet"
        case .workbookClosed: return "the workbook is already closed"
        case .library(let code, let message): return "libxlsxwriter error \(code): \(message)"
        }
    }
}

@inline(__always)
func check(_ code: lxw_error, row: UInt32 = 0, column: UInt16 = 0) throws {
    if code != LXW_NO_ERROR, let error = XLSXError(code: code, row: row, column: column) { throw error }
}
