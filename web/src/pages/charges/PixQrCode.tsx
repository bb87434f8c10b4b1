/** The PIX QR code, drawn in the browser from the charge's EMV ("copia e cola") text; `qrcode` loads on demand. */
import { Center, Image, Loader, Text } from '@mantine/core';
import { useEffect, useState } from 'react';

export function PixQrCode({ emv, size = 220 }: { emv: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    setSrc(null);
    setFailed(false);
    import('qrcode')
      .then((QRCode) => QRCode.toDataURL(emv, { errorCorrectionLevel: 'M', margin: 1, width: size * 2 }))
      .then((url) => live && setSrc(url))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [emv, size]);

  if (failed) {
    return (
      <Text size="sm" c="red" data-testid="charge-pix-qr-error">
        Não foi possível desenhar o QR Code. Use o PIX copia e cola.
      </Text>
    );
  }
  if (!src) {
    return (
      <Center w={size} h={size}>
        <Loader size="sm" aria-label="Gerando QR Code" />
      </Center>
    );
  }
  return <Image src={src} w={size} h={size} alt="QR Code do PIX" data-testid="charge-pix-qr" style={{ imageRendering: 'pixelated' }} />;
}
