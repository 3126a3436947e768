package io.parley.customers.internal;

import io.parley.customers.AssetImportResult;
import io.parley.customers.Assets;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/** Admin → Assets: import customers' products from a CSV file. */
@Controller
@RequestMapping("/admin/assets")
@PreAuthorize("hasRole('ADMIN')")
class AssetImportController {

  private final Assets assets;

  AssetImportController(Assets assets) {
    this.assets = assets;
  }

  @GetMapping
  String form(Model model) {
    model.addAttribute("columns", Assets.COLUMNS);
    return "customers/asset-import";
  }

  @PostMapping
  String upload(@RequestParam("file") MultipartFile file, Model model) throws IOException {
    model.addAttribute("columns", Assets.COLUMNS);
    AssetImportResult result;
    if (file == null || file.isEmpty()) {
      result =
          new AssetImportResult(
              0,
              0,
              java.util.List.of(new AssetImportResult.LineError(0, "asset.import.empty", "")));
    } else {
      var in = new java.io.BufferedInputStream(file.getInputStream());
      in.mark(3);
      byte[] bom = in.readNBytes(3);
      // Spreadsheets save UTF-8 CSV with a byte order mark; it is not part of the first column.
      if (!(bom.length == 3
          && (bom[0] & 0xff) == 0xEF
          && (bom[1] & 0xff) == 0xBB
          && (bom[2] & 0xff) == 0xBF)) {
        in.reset();
      }
      try (var reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
        result = assets.importCsv(reader);
      }
    }
    model.addAttribute("result", result);
    return "customers/asset-import";
  }
}
