package uz.eimzo.ra.home;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;

/** QR codes as SVG (one path of dark modules, no image library): the authenticator enrolment, the printed application. */
public final class QrCodes {

    private QrCodes() {
    }

    public static String svg(String text) {
        try {
            BitMatrix m = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0);
            StringBuilder svg = new StringBuilder("<svg xmlns='http://www.w3.org/2000/svg' viewBox='-4 -4 ")
                    .append(m.getWidth() + 8).append(' ').append(m.getHeight() + 8)
                    .append("' width='240' height='240' shape-rendering='crispEdges'><rect x='-4' y='-4' width='100%' height='100%' fill='#fff'/><path d='");
            for (int y = 0; y < m.getHeight(); y++) {
                for (int x = 0; x < m.getWidth(); x++) {
                    if (m.get(x, y)) {
                        svg.append('M').append(x).append(' ').append(y).append("h1v1h-1z");
                    }
                }
            }
            return svg.append("' fill='#000'/></svg>").toString();
        } catch (WriterException e) {
            throw new IllegalStateException(e);
        }
    }
}
