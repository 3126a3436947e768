// Counts a reply the way its network does, from the rule the server serves as data
// (io.parley.channels.TextLimit#asData): the same algorithm as TextLimit.Counting#length,
// so the live counter and the server's check always agree.
(function (global) {
  "use strict";

  function inRanges(ranges, cp) {
    for (var k = 0; k < ranges.length; k++) {
      if (cp >= ranges[k][0] && cp <= ranges[k][1]) return ranges[k];
    }
    return null;
  }

  function isModifier(cp) {
    return cp === 0xfe0f || cp === 0xfe0e || cp === 0x20e3 ||
      (cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xe0020 && cp <= 0xe007f);
  }

  function charCount(cp) { return cp > 0xffff ? 2 : 1; }

  function endOfEmoji(s, i, first) {
    var flag = first >= 0x1f1e6 && first <= 0x1f1ff;
    while (i < s.length) {
      var cp = s.codePointAt(i);
      if (flag && cp >= 0x1f1e6 && cp <= 0x1f1ff) {
        flag = false;
        i += charCount(cp);
      } else if (isModifier(cp)) {
        i += charCount(cp);
      } else if (cp === 0x200d && i + 1 < s.length) {
        i += 1;
        i += charCount(s.codePointAt(i));
      } else {
        break;
      }
    }
    return i;
  }

  function length(rule, text) {
    if (!text) return 0;
    var s = text.normalize("NFC");
    var units = 0;
    var url = new RegExp(rule.urlPattern, "g");
    var match = null;
    function findFrom(from) {
      url.lastIndex = from;
      match = url.exec(s);
      return match ? match.index : -1;
    }
    var nextUrl = rule.urlWeight >= 0 ? findFrom(0) : -1;
    var i = 0;
    while (i < s.length) {
      if (nextUrl >= 0 && i > nextUrl) nextUrl = findFrom(i);
      if (i === nextUrl) {
        units += rule.urlWeight;
        i = match.index + match[0].length;
        nextUrl = findFrom(i);
        continue;
      }
      var cp = s.codePointAt(i);
      i += charCount(cp);
      if (rule.emojiWeight >= 0 && inRanges(rule.emojiRanges, cp)) {
        i = endOfEmoji(s, i, cp);
        units += rule.emojiWeight;
        continue;
      }
      var range = inRanges(rule.ranges, cp);
      units += range ? range[2] : rule.defaultWeight;
    }
    return Math.ceil(units / rule.scale);
  }

  global.ParleyTextLimit = { length: length };
})(window);
