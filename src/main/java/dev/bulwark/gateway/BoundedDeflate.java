package dev.bulwark.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.java_websocket.enums.Opcode;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.extensions.IExtension;
import org.java_websocket.extensions.permessage_deflate.PerMessageDeflateExtension;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.DataFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.framing.FramedataImpl1;

/**
 * Java-WebSocket's permessage-deflate with a bound on what one message may inflate to. The library limits the
 * compressed frame only, so a 1 MiB frame of zeros would inflate to about a gigabyte before anyone could look at
 * it; here inflating stops at {@code maxInflatedBytes} and the connection is closed with 1009 (too big).
 * Negotiation and compression stay the library's; only decompression is done here, to be able to stop it.
 */
public final class BoundedDeflate extends PerMessageDeflateExtension {
    private static final byte[] TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    private final int maxInflatedBytes;
    private final Inflater inflater = new Inflater(true);
    private long inflatedThisMessage;

    public BoundedDeflate(int maxInflatedBytes) {
        this.maxInflatedBytes = maxInflatedBytes;
    }

    @Override
    public void decodeFrame(Framedata frame) throws InvalidDataException {
        if (!(frame instanceof DataFrame)) {
            return;
        }
        if (!frame.isRSV1() && frame.getOpcode() != Opcode.CONTINUOUS) {
            return;
        }
        if (frame.getOpcode() == Opcode.CONTINUOUS && frame.isRSV1()) {
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "RSV1 bit can only be set for the first frame.");
        }
        if (frame.getOpcode() != Opcode.CONTINUOUS) {
            inflatedThisMessage = 0;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ByteBuffer payload = frame.getPayloadData();
            byte[] in = new byte[payload.remaining()];
            payload.duplicate().get(in);
            inflate(in, out);
            if (inflater.getRemaining() > 0) {
                inflater.reset();
                inflate(in, out);
            }
            if (frame.isFin()) {
                inflate(TAIL, out);
                if (isClientNoContextTakeover()) {
                    inflater.reset();
                }
            }
        } catch (DataFormatException e) {
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, e.getMessage());
        }
        ((FramedataImpl1) frame).setPayload(ByteBuffer.wrap(out.toByteArray()));
    }

    private void inflate(byte[] data, ByteArrayOutputStream out) throws DataFormatException, InvalidDataException {
        inflater.setInput(data);
        byte[] buf = new byte[8192];
        int n;
        while ((n = inflater.inflate(buf)) > 0) {
            inflatedThisMessage += n;
            if (inflatedThisMessage > maxInflatedBytes) {
                inflater.reset();
                throw new InvalidDataException(CloseFrame.TOOBIG, "message inflates to more than " + maxInflatedBytes + " bytes");
            }
            out.write(buf, 0, n);
        }
    }

    @Override
    public IExtension copyInstance() {
        BoundedDeflate clone = new BoundedDeflate(maxInflatedBytes);
        clone.setThreshold(getThreshold());
        clone.setClientNoContextTakeover(isClientNoContextTakeover());
        clone.setServerNoContextTakeover(isServerNoContextTakeover());
        return clone;
    }
}
