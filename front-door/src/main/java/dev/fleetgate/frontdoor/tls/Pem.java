package dev.fleetgate.frontdoor.tls;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PEM files people have (certbot's, openssl's), read with the JDK alone: blocks between {@code
 * -----BEGIN X-----} and {@code -----END X-----}, text around them ignored. The JDK reads only
 * PKCS#8 keys, so the two older key forms are wrapped into PKCS#8 here: PKCS#1 RSA ({@code RSA
 * PRIVATE KEY}) and SEC1 EC ({@code EC PRIVATE KEY}).
 */
final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----\\R(.*?)-----END \\1-----", Pattern.DOTALL);

  /** rsaEncryption, 1.2.840.113549.1.1.1, with its NULL parameters. */
  private static final byte[] RSA_ALGORITHM = {
    0x30,
    0x0d,
    0x06,
    0x09,
    0x2a,
    (byte) 0x86,
    0x48,
    (byte) 0x86,
    (byte) 0xf7,
    0x0d,
    0x01,
    0x01,
    0x01,
    0x05,
    0x00
  };

  /** id-ecPublicKey, 1.2.840.10045.2.1. */
  private static final byte[] EC_PUBLIC_KEY_OID = {
    0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01
  };

  /** One block: its label and its DER bytes. Headers such as {@code Proc-Type} are kept aside. */
  record Block(String label, byte[] der, boolean legacyEncrypted) {}

  private Pem() {}

  static List<Block> blocks(String text) {
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(text);
    while (m.find()) {
      StringBuilder base64 = new StringBuilder();
      boolean encrypted = false;
      for (String line : m.group(2).split("\\R")) {
        if (line.contains(":")) {
          encrypted |= line.startsWith("Proc-Type:") && line.contains("ENCRYPTED");
        } else {
          base64.append(line.strip());
        }
      }
      blocks.add(
          new Block(m.group(1), Base64.getMimeDecoder().decode(base64.toString()), encrypted));
    }
    return blocks;
  }

  /** A PKCS#1 {@code RSAPrivateKey} as the PKCS#8 {@code PrivateKeyInfo} the JDK reads. */
  static byte[] pkcs8FromPkcs1(byte[] pkcs1) {
    return sequence(concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, octetString(pkcs1)));
  }

  /**
   * A SEC1 {@code ECPrivateKey} as a PKCS#8 {@code PrivateKeyInfo}: the curve comes from the key's
   * own parameters ({@code [0]}), which openssl always writes.
   */
  static byte[] pkcs8FromSec1(byte[] sec1) {
    byte[] curve = ecCurveOid(sec1);
    byte[] algorithm = sequence(concat(EC_PUBLIC_KEY_OID, curve));
    return sequence(concat(new byte[] {0x02, 0x01, 0x00}, algorithm, octetString(sec1)));
  }

  /** The curve's OID element (tag, length and value) in a SEC1 key's {@code [0]} parameters. */
  private static byte[] ecCurveOid(byte[] sec1) {
    Der outer = new Der(sec1, 0);
    if (outer.tag != 0x30) {
      throw new IllegalArgumentException("not a SEC1 EC key");
    }
    int at = outer.valueStart;
    while (at < outer.end) {
      Der element = new Der(sec1, at);
      if ((element.tag & 0xff) == 0xa0) {
        Der oid = new Der(sec1, element.valueStart);
        if (oid.tag != 0x06) {
          break;
        }
        return Arrays.copyOfRange(sec1, element.valueStart, oid.end);
      }
      at = element.end;
    }
    throw new IllegalArgumentException("the EC key does not name its curve");
  }

  /** One DER element's header: where its value starts and where it ends. */
  private static final class Der {
    final int tag;
    final int valueStart;
    final int end;

    Der(byte[] der, int at) {
      if (at + 2 > der.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      tag = der[at];
      int length = der[at + 1] & 0xff;
      int start = at + 2;
      if (length > 0x80) {
        int bytes = length & 0x7f;
        if (bytes > 3 || start + bytes > der.length) {
          throw new IllegalArgumentException("bad DER length");
        }
        length = 0;
        for (int i = 0; i < bytes; i++) {
          length = (length << 8) | (der[start + i] & 0xff);
        }
        start += bytes;
      } else if (length == 0x80) {
        throw new IllegalArgumentException("indefinite DER length");
      }
      if (start + length > der.length) {
        throw new IllegalArgumentException("truncated DER");
      }
      valueStart = start;
      end = start + length;
    }
  }

  private static byte[] sequence(byte[] content) {
    return element(0x30, content);
  }

  private static byte[] octetString(byte[] content) {
    return element(0x04, content);
  }

  private static byte[] element(int tag, byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
    out.write(tag);
    int length = content.length;
    if (length < 0x80) {
      out.write(length);
    } else if (length < 0x100) {
      out.write(0x81);
      out.write(length);
    } else if (length < 0x10000) {
      out.write(0x82);
      out.write(length >> 8);
      out.write(length);
    } else {
      out.write(0x83);
      out.write(length >> 16);
      out.write(length >> 8);
      out.write(length);
    }
    out.writeBytes(content);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }
}
