#!/bin/sh
# Writes safe_mode_text.xml and safe_mode_bad_padding.xml: a follower's text message to the test
# account encrypted the way WeChat's safe mode does, by openssl rather than by Parley, so the tests
# check Parley's decryption against another implementation. Run from this directory; the output is
# the same every time (fixed "random" bytes).
#   key     = Base64-decode(EncodingAESKey + "="), 32 bytes; IV = its first 16 bytes
#   plain   = 16 random bytes | message length (4 bytes, big-endian) | message | AppID | padding
#   padding = PKCS#7 to a multiple of 32 bytes (safe_mode_bad_padding.xml: zero bytes instead)
set -eu
ENCODING_AES_KEY=AcmeMobileSafeMode2026EncodingAESKey0123456
APP_ID=wxacme0000000001
RANDOM16=AcmeRandomBytes1
MESSAGE='<xml><ToUserName><![CDATA[gh_acmemobile01]]></ToUserName><FromUserName><![CDATA[oAcme_zhaomin_0005]]></FromUserName><CreateTime>1795396200</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[安全模式：X12 充电很慢，正常吗？请尽快回复，谢谢！]]></Content><MsgId>24451870000000021</MsgId></xml>'

KEY=$(printf '%s=' "$ENCODING_AES_KEY" | openssl base64 -d -A | od -An -tx1 | tr -d ' \n')
IV=$(printf '%s' "$KEY" | cut -c1-32)

encrypt() { # $1: file name, $2: the byte of the padding (empty: its length, as PKCS#7 wants)
  tmp=$(mktemp)
  printf '%s' "$RANDOM16" >"$tmp"
  length=$(printf '%s' "$MESSAGE" | wc -c)
  printf "$(printf '\\%03o\\%03o\\%03o\\%03o' $((length >> 24 & 255)) $((length >> 16 & 255)) \
    $((length >> 8 & 255)) $((length & 255)))" >>"$tmp"
  printf '%s%s' "$MESSAGE" "$APP_ID" >>"$tmp"
  size=$(wc -c <"$tmp")
  pad=$((32 - size % 32))
  byte=${2:-$pad}
  i=0
  while [ $i -lt $pad ]; do printf "$(printf '\\%03o' "$byte")" >>"$tmp"; i=$((i + 1)); done
  encrypt=$(openssl enc -aes-256-cbc -K "$KEY" -iv "$IV" -nopad -in "$tmp" | openssl base64 -A)
  rm "$tmp"
  printf '<xml>\n  <ToUserName><![CDATA[gh_acmemobile01]]></ToUserName>\n  <Encrypt><![CDATA[%s]]></Encrypt>\n</xml>\n' \
    "$encrypt" >"$1"
}

encrypt safe_mode_text.xml ""
encrypt safe_mode_bad_padding.xml 0
