import QRCode from "qrcode";

/** The pairing link as an SVG QR code, rendered here: a third-party QR service would see every code. */
export function pairingQrSvg(link: string): Promise<string> {
  return QRCode.toString(link, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
}
