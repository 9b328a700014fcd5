import Foundation
import SiteModel

#if canImport(Glibc)
    import Glibc
#endif

/// Checks that an output folder is safe to replace: the build deletes and rewrites it whole.
enum OutputLocation {
    /// - Throws: `BuildFailure` when `output` is the site folder, holds it, lies inside one of
    ///   the site's input folders, or is not a folder.
    static func check(output: URL, site: URL) throws(BuildFailure) {
        let outputPath = output.standardizedFileURL.resolvingSymlinksInPath().path
        let sitePath = site.standardizedFileURL.resolvingSymlinksInPath().path
        let name = output.lastPathComponent
        if outputPath == sitePath || sitePath.hasPrefix(outputPath == "/" ? "/" : outputPath + "/") {
            throw BuildFailure(
                .error(name, "the output folder \(outputPath) holds the site itself; choose a folder such as public/"))
        }
        for input in SiteLayout.inputFolders {
            let inputPath = sitePath + "/" + input
            if outputPath == inputPath || outputPath.hasPrefix(inputPath + "/") {
                throw BuildFailure(.error(name, "the output folder may not be inside \(input)/"))
            }
        }
        if FileManager.default.fileExists(atPath: outputPath + "/" + SiteLayout.content)
            || FileManager.default.fileExists(atPath: outputPath + "/site.yml")
        {
            throw BuildFailure(
                .error(name, "\(outputPath) looks like a site (it has content/ or site.yml); refusing to replace it"))
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: outputPath, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw BuildFailure(.error(name, "\(outputPath) exists and is not a folder"))
        }
        var status = stat()
        var parentStatus = stat()
        if stat(outputPath, &status) == 0, stat((outputPath as NSString).deletingLastPathComponent, &parentStatus) == 0,
            status.st_dev != parentStatus.st_dev
        {
            throw BuildFailure(
                .error(
                    name,
                    "\(outputPath) is a mount point, which cannot be swapped for the new site at once; publish into a folder inside it (--output \(outputPath)/site) and point the web server there"
                ))
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: outputPath)) ?? []
        if !entries.isEmpty && !entries.contains(OutputManifest.fileName) {
            throw BuildFailure(
                .error(
                    name,
                    "\(outputPath) is not empty and was not written by build-site (it has no \(OutputManifest.fileName)); the build replaces its output folder, so empty or remove it, or choose another --output"
                ))
        }
    }
}
