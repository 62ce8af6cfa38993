package dev.portcullis.mfa;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.client.j2se.MatrixToImageWriter;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import dev.portcullis.support.Offloader;

/**
 * Renders text as a QR code PNG data URI with ZXing, on the offload pool (rendering and
 * PNG encoding cost CPU, and ImageIO must not run on an event loop).
 */
@Component
class QrCodes {

	private static final int SIZE = 256;

	private final Offloader offloader;

	QrCodes(Offloader offloader) {
		this.offloader = offloader;
		// PNGs of a few hundred bytes need no temporary-file cache behind ImageIO's
		// stream.
		ImageIO.setUseCache(false);
	}

	/** {@code data:image/png;base64,…} of a QR code of the text. */
	Mono<String> pngDataUri(String text) {
		return this.offloader.call(() -> "data:image/png;base64," + Base64.getEncoder().encodeToString(render(text)));
	}

	private static byte[] render(String text) {
		try {
			BitMatrix matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, SIZE, SIZE,
					Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2,
							EncodeHintType.CHARACTER_SET, "UTF-8"));
			ByteArrayOutputStream png = new ByteArrayOutputStream();
			MatrixToImageWriter.writeToStream(matrix, "PNG", png);
			return png.toByteArray();
		}
		catch (WriterException ex) {
			throw new IllegalStateException("Could not encode a QR code", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
